import { readFileSync } from 'node:fs'
import path from 'node:path'

import type { Endpoint, SanitizedConfig } from 'payload'

import { documented, obj, str } from '../openapi/declare'
import { buildOpenApi } from '../openapi/document'

let cached: { config: SanitizedConfig; document: Record<string, unknown> } | undefined

const appVersion = () => {
  try {
    return String(JSON.parse(readFileSync(path.resolve(process.cwd(), 'package.json'), 'utf8')).version ?? '0.0.0')
  } catch {
    return '0.0.0'
  }
}

/** The document of this process's config, built once (the config does not change while it runs). */
export function openApiDocument(config: SanitizedConfig): Record<string, unknown> {
  if (cached?.config !== config) cached = { config, document: buildOpenApi(config, { version: appVersion() }) }
  return cached.document
}

/** GET /api/openapi.json — the OpenAPI 3.1 document of the whole REST surface, built from the config. */
export const openApiEndpoint: Endpoint = documented(
  {
    path: '/openapi.json',
    method: 'get',
    handler: (req) => Response.json(openApiDocument(req.payload.config), { headers: { 'cache-control': 'public, max-age=300' } }),
  },
  {
    tag: 'Docs',
    auth: 'none',
    summary: 'This document',
    description: 'OpenAPI 3.1, built from the running config: every route here is one this server serves.',
    responses: { 200: { description: 'The OpenAPI document.', schema: obj({ openapi: str(), info: { type: 'object' }, paths: { type: 'object' } }) } },
  },
)
