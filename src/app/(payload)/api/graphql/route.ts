import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { guardGraphQL } from '../../../../http/guard'

// GraphQL passes the same request guard as REST (body size, client address) before Payload sees it.
export const POST = guardGraphQL(config, GRAPHQL_POST(config))
export const OPTIONS = REST_OPTIONS(config)
