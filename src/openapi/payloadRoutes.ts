import type { SanitizedCollectionConfig } from 'payload'

import { nobody } from '../access/nobody'
import { bool, int, obj, ref, str, type Answer, type EndpointDoc, type Schema } from './declare'
import { bulk, oneDoc, paginated } from './schemas'

/**
 * Payload's own REST routes, declared here once for every collection (Payload writes no description of them): the
 * CRUD of each collection with its query parameters, the auth routes of `users`, and `GET /api/access`. The document's
 * builder matches them to the config by method and path; a route Payload adds in an upgrade, and that is neither here
 * nor in UNDOCUMENTED_PAYLOAD_ROUTES, fails the build of the document (and a unit test).
 */

const q = (name: string, description: string, schema: Schema) => ({ name, in: 'query' as const, description, schema })
const WHERE = {
  name: 'where',
  in: 'query' as const,
  description:
    'Filter, as Payload\'s query syntax in brackets: `where[status][equals]=open`, `where[or][0][title][like]=fence`. Only on fields you can read on every record you see, not through relationships (else 400).',
  style: 'deepObject',
  explode: true,
  schema: { type: 'object', additionalProperties: true },
}
const DEPTH = q('depth', 'How many levels of relations to populate (0: ids only). At most 10.', { type: 'integer', minimum: 0, maximum: 10 })
const SELECT = {
  name: 'select',
  in: 'query' as const,
  description: 'Only these fields: `select[title]=true`.',
  style: 'deepObject',
  explode: true,
  schema: { type: 'object', additionalProperties: true },
}
const LIST_PARAMS = [
  WHERE,
  q('limit', 'Records per page (default 10; 0 with `pagination=false` for all).', { type: 'integer', minimum: 0 }),
  q('page', 'Page number, from 1.', { type: 'integer', minimum: 1 }),
  q('sort', 'A field to sort by, `-` first for descending (`-createdAt`). Only fields you can read on every record you see.', { type: 'string' }),
  q('pagination', '`false` returns every match (with `limit=0`).', { type: 'boolean' }),
  DEPTH,
  SELECT,
]

export type PayloadOperation = {
  summary: string
  description?: string
  params?: unknown[]
  body?: Schema
  responses: Record<number, Answer>
  /** Who may call it, as the security of the operation says. */
  auth: EndpointDoc['auth']
  /** The collection's access rule for this operation (create, read, update, delete), to say when it is `nobody`. */
  access?: 'create' | 'read' | 'update' | 'delete'
}

const denied = { 401: { description: 'Not signed in (when the access rule needs a session).' }, 403: { description: 'Not allowed by the access rule.' } }

/** The collection routes of every collection, by `method path` as Payload's config spells them. */
export const COLLECTION_ROUTES: Record<string, (c: SanitizedCollectionConfig) => PayloadOperation> = {
  'get /': (c) => ({
    summary: `Lists ${c.slug}`,
    access: 'read',
    auth: 'user',
    params: LIST_PARAMS,
    responses: { 200: { description: 'A page of the records you may read.', schema: paginated(c.slug) }, 400: { description: 'A `where` or `sort` you may not use.' }, ...denied },
  }),
  'get /count': (c) => ({
    summary: `Counts ${c.slug}`,
    access: 'read',
    auth: 'user',
    params: [WHERE],
    responses: { 200: { description: 'How many records you may read match.', schema: obj({ totalDocs: int() }) }, 400: { description: 'A `where` you may not use.' }, ...denied },
  }),
  'get /:id': (c) => ({
    summary: `Reads one of ${c.slug}`,
    access: 'read',
    auth: 'user',
    params: [DEPTH, SELECT],
    responses: { 200: { description: 'The record, with the fields you may read.', schema: ref(c.slug) }, ...denied, 404: { description: 'No such record, or not one you may see.' } },
  }),
  'post /': (c) => ({
    summary: `Creates one of ${c.slug}`,
    access: 'create',
    auth: 'user',
    params: [DEPTH],
    body: { type: 'object', description: `The fields of the record (see the ${c.slug} schema); required ones missing answer 400 naming them.` },
    responses: { 201: { description: 'Created.', schema: oneDoc(c.slug) }, 400: { description: 'A field is missing or invalid: `data.errors[].path` names it.' }, ...denied },
  }),
  'patch /:id': (c) => ({
    summary: `Updates one of ${c.slug}`,
    access: 'update',
    auth: 'user',
    params: [DEPTH],
    body: { type: 'object', description: 'The fields to change. Statuses change only through actions; relations a record was created with stay (400).' },
    responses: {
      200: { description: 'Updated.', schema: oneDoc(c.slug) },
      400: { description: 'A field is invalid or may not change.' },
      ...denied,
      404: { description: 'No such record, or not one you may see.' },
    },
  }),
  'patch /': (c) => ({
    summary: `Updates every one of ${c.slug} that matches \`where\``,
    access: 'update',
    auth: 'user',
    params: [WHERE, DEPTH],
    body: { type: 'object', description: 'The fields to change on each.' },
    responses: { 200: { description: 'Those updated, and those that failed with why.', schema: bulk(c.slug) }, 400: { description: 'A bad `where` or field.' }, ...denied },
  }),
  'delete /:id': (c) => ({
    summary: `Deletes one of ${c.slug}`,
    access: 'delete',
    auth: 'user',
    params: [DEPTH],
    responses: {
      200: { description: 'Deleted.', schema: oneDoc(c.slug) },
      ...denied,
      404: { description: 'No such record, or not one you may see.' },
      409: { description: 'Other records still refer to it (`data.referencedBy`, `data.field`): cancel or close it instead.' },
    },
  }),
  'delete /': (c) => ({
    summary: `Deletes every one of ${c.slug} that matches \`where\``,
    access: 'delete',
    auth: 'user',
    params: [WHERE, DEPTH],
    responses: { 200: { description: 'Those deleted, and those that failed with why.', schema: bulk(c.slug) }, 400: { description: 'A bad `where`.' }, ...denied },
  }),
}

const credentials = obj({ email: str(), password: str() })
/** The account as the auth routes answer it: the users record (unfiltered by GET rules) with Payload's auth bookkeeping. */
const authUser: Schema = {
  type: 'object',
  description: 'The signed-in account: the fields of a `users` record you may read, plus Payload\'s auth bookkeeping (`_strategy`, `collection`).',
  properties: { id: int(), email: str(), name: str(), role: { type: 'string', enum: ['ops', 'customer', 'provider'] }, collection: str(), _strategy: str() },
  required: ['id'],
}
const loginAnswer = obj({ message: str(), user: authUser, token: str('A JWT: send it as `Authorization: JWT <token>`.'), exp: int('Unix seconds.') }, ['user', 'token', 'exp'])

/** The routes of an auth collection (`users`). */
export const AUTH_ROUTES: Record<string, (c: SanitizedCollectionConfig) => PayloadOperation> = {
  'post /login': () => ({
    summary: 'Signs in with email and password',
    description: 'Answers a JWT and sets the `payload-token` cookie. Wrong credentials are 401; too many failures lock the account for a while.',
    auth: 'none',
    body: credentials,
    responses: {
      200: { description: 'Signed in.', schema: loginAnswer },
      400: { description: 'Email or password missing.' },
      401: { description: 'Wrong email or password.' },
      423: { description: 'The account is locked after too many failed attempts.' },
      429: { description: 'Too many attempts from here.' },
    },
  }),
  'post /logout': () => ({
    summary: 'Signs out (ends this session)',
    auth: 'user',
    responses: { 200: { description: 'Signed out.', schema: obj({ message: str() }) }, 400: { description: 'No session to end.' }, ...denied },
  }),
  'get /me': () => ({
    summary: 'Who am I',
    auth: 'none',
    responses: {
      200: {
        description: 'The signed-in account (`user` null without a session), its token and when it expires.',
        schema: { type: 'object', properties: { user: { oneOf: [authUser, { type: 'null' }] }, token: str(), exp: int(), collection: str(), message: str(), strategy: str() } },
      },
    },
  }),
  'post /refresh-token': () => ({
    summary: 'A fresh token for the signed-in account',
    auth: 'user',
    responses: {
      200: { description: 'A new token.', schema: obj({ message: str(), refreshedToken: str(), exp: int(), user: authUser }, ['refreshedToken', 'exp']) },
      ...denied,
    },
  }),
  'post /forgot-password': () => ({
    summary: 'Emails a password-reset link',
    description:
      'Answers the same whether or not the address has an account. The email links to `/reset-password?token=…` on the site (SERVER_URL), working once, for one hour; only the newest link works.',
    auth: 'none',
    body: obj({ email: str() }),
    responses: { 200: { description: 'Sent, if the account exists.', schema: obj({ message: str() }) }, 400: { description: 'No email given.' }, 429: { description: 'Too many requests.' } },
  }),
  'post /reset-password': () => ({
    summary: 'Sets a new password with the token from the reset email',
    auth: 'none',
    body: obj({ token: str(), password: str() }),
    responses: {
      200: { description: 'Password set; signed in.', schema: obj({ message: str(), user: authUser, token: str() }, ['user']) },
      400: { description: 'The password is missing or too short (names `password`); the token is left as it was.' },
      403: { description: 'The token is used, expired, altered or missing; nothing changes.' },
    },
  }),
  'post /unlock': () => ({
    summary: 'Unlocks an account locked after failed sign-ins (Ops)',
    auth: 'ops',
    body: obj({ email: str() }),
    responses: { 200: { description: 'Unlocked.', schema: obj({ message: str() }) }, 400: { description: 'No email given.' }, ...denied },
  }),
  'post /verify/:id': () => ({
    summary: 'Verifies an email address with the token from the verification email',
    description: 'Email verification is not turned on for Jobline accounts, so every token is unknown.',
    auth: 'none',
    params: [{ name: 'id', in: 'path', required: true, description: 'The verification token.', schema: str() }],
    responses: { 200: { description: 'Verified.', schema: obj({ message: str() }) }, 400: { description: 'Unknown token.' }, 403: { description: 'Unknown token.' }, 404: { description: 'Unknown token.' } },
  }),
  'post /first-register': () => ({
    summary: 'Creates the very first account of an empty install',
    description: 'Refused once any account exists.',
    auth: 'none',
    body: credentials,
    responses: { 200: { description: 'Created and signed in.', schema: loginAnswer }, 400: { description: 'Missing fields.' }, 403: { description: 'Accounts exist already.' } },
  }),
  'get /init': () => ({
    summary: 'Whether the install has an account yet',
    auth: 'none',
    responses: { 200: { description: 'Initialized or not.', schema: obj({ initialized: bool() }) } },
  }),
}

/** Payload's root routes. */
export const ROOT_ROUTES: Record<string, () => PayloadOperation> = {
  'get /access': () => ({
    summary: 'What the caller may do, per collection and field',
    auth: 'none',
    responses: { 200: { description: "Payload's permissions object (`canAccessAdmin`, and per collection create/read/update/delete with field detail).", schema: { type: 'object' } } },
  }),
}

/**
 * Payload routes left out on purpose: versions (no collection keeps versions, so they answer 404 or nothing), the
 * per-document access probe and duplicate (admin helpers), and the internal collections' own routes.
 */
export const UNDOCUMENTED_PAYLOAD_ROUTES = new Set(['post /access/:id?', 'get /versions', 'get /versions/:id', 'post /versions/:id', 'post /:id/duplicate'])

/** Payload's root routes left out: the admin's Open Graph image (added when Payload starts). */
export const UNDOCUMENTED_ROOT_ROUTES = new Set(['get /og'])

/** Whether an operation can never be allowed, because the collection's access for it is `nobody`. */
export const isNobody = (c: SanitizedCollectionConfig, access: PayloadOperation['access']) =>
  !!access && (c.access as Record<string, unknown>)[access] === nobody
