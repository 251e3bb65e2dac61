/**
 * Shared pieces of the fuzz suites (tests/int/fuzz.*.test.ts): the seed, a cheap fingerprint of every table, the
 * signed-in roles (kept signed in whatever the fuzzed requests do to them), and generators of hostile input.
 */
import { sql } from '@payloadcms/db-postgres'
import fc from 'fast-check'
import pg from 'pg'
import { jwtSign, type Payload, type SanitizedConfig } from 'payload'

import { DEV_PASSWORD } from '../../src/seed'
import { signOneTap } from '../../src/services/oneTap/token'
import { ApiClient } from './client'

export const FUZZ_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31)
/**
 * Cases per route or operation; FUZZ_RUNS scales the whole run: 10 in `npm test` (every route and operation, as every
 * sender, in about 50 s), 16 as the suites ran before the test budget (FUZZ_RUNS=16), more for a deeper run.
 */
export const FUZZ_RUNS = process.env.FUZZ_RUNS ? Math.max(1, Number(process.env.FUZZ_RUNS)) : 10

/** A per-route seed derived from FUZZ_SEED, so one seed replays every route's cases. */
export const seedFor = (name: string) => {
  let h = FUZZ_SEED | 0
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0
  return h
}

// ---------------------------------------------------------------------------------------------------------------
// every table's row count and checksum, in one query

/** Tables a refused request may change on purpose: the throttle counts refused sign-ins. */
const CHANGES_ON_REFUSAL = new Set(['auth_throttle'])

export type Fingerprint = string

export async function tableFingerprinter(databaseUri: string) {
  const client = new pg.Client({ connectionString: databaseUri })
  await client.connect()
  const { rows } = await client.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  )
  const tables = rows.map((r) => r.tablename).filter((t) => !CHANGES_ON_REFUSAL.has(t))
  // sum(hashtext(row)) is order-independent, so no sort is needed: one sequential scan per (small) table
  const sql = tables
    .map((t) => `SELECT '${t}' AS t, count(*) AS n, coalesce(sum(hashtext(x::text)::bigint), 0) AS h FROM "${t}" x`)
    .join(' UNION ALL ')
  return {
    tables,
    fingerprint: async (): Promise<Fingerprint> => {
      const result = await client.query<{ t: string; n: string; h: string }>(sql)
      return result.rows.map((r) => `${r.t}:${r.n}:${r.h}`).join('|')
    },
    /** The tables whose count or checksum differs between two fingerprints. */
    diff: (a: Fingerprint, b: Fingerprint) => {
      const before = new Map(a.split('|').map((e) => [e.split(':')[0], e] as const))
      return b.split('|').filter((e) => before.get(e.split(':')[0]) !== e).map((e) => e.split(':')[0])
    },
    close: () => client.end(),
  }
}

// ---------------------------------------------------------------------------------------------------------------
// roles

export type Role = 'anonymous' | 'customer' | 'provider' | 'ops'
export const ROLES: Role[] = ['anonymous', 'customer', 'provider', 'ops']
const ROLE_USERS: Record<Exclude<Role, 'anonymous'>, { email: string; role: 'customer' | 'provider' | 'ops' }> = {
  customer: { email: 'alice@jobline.local', role: 'customer' },
  provider: { email: 'pat@jobline.local', role: 'provider' },
  ops: { email: 'ops@jobline.local', role: 'ops' },
}

/**
 * A signed-in client per role. Fuzzed requests may log a role out, change its password or delete it (Ops may);
 * `ensure()` puts each back (same email and password, recreated if deleted) and signs in again.
 */
export function roleSessions(payload: Payload, baseUrl: string) {
  const clients = { anonymous: new ApiClient(baseUrl) } as Record<Role, ApiClient>
  const ensure = async () => {
    for (const [role, who] of Object.entries(ROLE_USERS) as [Exclude<Role, 'anonymous'>, (typeof ROLE_USERS)['ops']][]) {
      const current = clients[role]
      if (current) {
        const me = await current.get('/api/users/me')
        if (me.status === 200 && me.body?.user?.email === who.email) continue
      }
      const { docs } = await payload.find({ collection: 'users', where: { email: { equals: who.email } }, overrideAccess: true, depth: 0 })
      const data = { password: DEV_PASSWORD, role: who.role }
      if (docs[0]) await payload.update({ collection: 'users', id: docs[0].id, data, overrideAccess: true, context: { trusted: true } })
      else
        await payload.create({
          collection: 'users',
          data: { ...data, email: who.email, name: `Fuzz ${role}`, timeZone: 'UTC' },
          overrideAccess: true,
          context: { trusted: true },
        })
      // the fuzzed sign-ins from this address may have used up its allowance; the roles must still get in
      await payload.db.drizzle.execute(sql`DELETE FROM auth_throttle`).catch(() => {})
      clients[role] = await ApiClient.login(baseUrl, who.email, DEV_PASSWORD)
    }
    return clients
  }
  return { clients, ensure }
}

// ---------------------------------------------------------------------------------------------------------------
// tokens the app signs, signed right, about what does not exist

/**
 * Session tokens (JWTs) with valid signatures that stand for no live session: `ghost` for a user id that never
 * existed, `stale` for a real user with a session id they do not have. Every route must answer them like anonymous.
 */
export async function forgedSessions(payload: Payload): Promise<Record<'ghost' | 'stale', string>> {
  const sign = async (fields: Record<string, unknown>) =>
    (await jwtSign({ fieldsToSign: { collection: 'users', ...fields }, secret: payload.secret, tokenExpiration: 3600 })).token
  return {
    ghost: await sign({ id: MAX_INT - 7, email: 'ghost@jobline.local', sid: 'no-such-session' }),
    stale: await sign({ id: (await payload.find({ collection: 'users', limit: 1, overrideAccess: true, depth: 0 })).docs[0]?.id ?? 1, email: 'alice@jobline.local', sid: 'ended-session' }),
  }
}

/**
 * One-tap link tokens with valid signatures (this process signs with the app's own key) over real, deleted and never
 * existing assignments and users, expired or not, issued now or long ago: the link route must answer each 2xx or 4xx.
 */
export const signedOneTapToken = (assignmentIds: number[], userIds: number[]) => {
  const id = (real: number[]) =>
    fc.oneof(
      real.length ? fc.constantFrom(...real) : fc.constant(1),
      fc.integer({ min: Math.max(0, ...real) + 1, max: Math.max(0, ...real) + 50 }), // just past the last: deleted or next
      fc.integer({ min: 1, max: MAX_INT }),
    )
  return fc
    .record({
      assignmentId: id(assignmentIds),
      userId: id(userIds),
      expiresInHours: fc.integer({ min: -48, max: 48 }),
      issuedHoursAgo: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 24 * 365 })),
    })
    .map(({ assignmentId, userId, expiresInHours, issuedHoursAgo }) =>
      signOneTap({
        assignmentId,
        userId,
        action: 'attend',
        expiresAt: new Date(Date.now() + expiresInHours * 3_600_000),
        issuedAt: new Date(Date.now() - issuedHoursAgo * 3_600_000),
      }),
    )
}

// ---------------------------------------------------------------------------------------------------------------
// hostile values

const MAX_INT = 2147483647

/** Strings that break naive parsers: SQL and path tricks, control characters, odd Unicode, JSON-looking text. */
export const nastyString = fc.constantFrom(
  '',
  ' ',
  'null',
  'undefined',
  'NaN',
  'true',
  '[]',
  '{}',
  '{"$gt":""}',
  "' OR 1=1 --",
  '"; DROP TABLE jobs; --',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\u202e',
  '💥'.repeat(3),
  'a'.repeat(5000),
  '2027-02-30T10:00:00Z',
  '2027-01-12T09:00:00',
  'america/new_york',
  '-1',
  '1e20',
  '0x10',
  '<script>alert(1)</script>',
)

export const hugeNumber = fc.constantFrom(
  MAX_INT + 1,
  -MAX_INT - 2,
  1e20,
  -1e20,
  Number.MAX_SAFE_INTEGER,
  1.5,
  -0.5,
  0,
  -1,
  1e308,
  2 ** 63,
)

/** Any JSON value, biased to the ones that hurt: wrong types, huge numbers, nesting, long strings. */
export const junkValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    hugeNumber,
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 30 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('id', 'equals', 'in', '__proto__', 'constructor', 'relationTo', 'value')), tie('value'), { maxKeys: 4 }),
  ),
})).value

/** A path segment where an id goes: mostly real ids (so the route is reached), often ids that cannot be. */
export const idSegment = (real: number[]) =>
  fc.oneof(
    { weight: 3, arbitrary: real.length ? fc.constantFrom(...real.map(String)) : fc.constant('1') },
    {
      weight: 3,
      arbitrary: fc.constantFrom('0', '-1', '2147483648', '99999999999999999999', 'abc', '1.5', '1e3', '%20', 'null', '%27%20OR%201%3D1', '0x1', '+1', '١', '%E2%80%AE1', '%2e%2e'),
    },
    { weight: 1, arbitrary: fc.integer({ min: -MAX_INT, max: MAX_INT }).map(String) },
  )

// ---------------------------------------------------------------------------------------------------------------
// query strings

type FieldPaths = string[]

/** Field paths of a collection (and a few that do not exist), for where and sort. */
export function fieldPaths(config: SanitizedConfig, slug: string): FieldPaths {
  const collection = config.collections.find((c) => c.slug === slug)
  const paths = ['id', 'nope', 'customer.email', 'job.customer.email', 'a.b.c.d.e']
  const walk = (fields: { name?: string; type: string; flattenedFields?: unknown[] }[], prefix: string) => {
    for (const f of fields) {
      if (!f.name) continue
      paths.push(prefix + f.name)
      if ((f.type === 'group' || f.type === 'array') && f.flattenedFields) walk(f.flattenedFields as never, `${prefix}${f.name}.`)
    }
  }
  walk((collection?.flattenedFields ?? []) as never, '')
  return paths
}

const OPERATOR = fc.constantFrom('equals', 'not_equals', 'in', 'not_in', 'all', 'exists', 'greater_than', 'less_than_equal', 'like', 'contains', 'near', 'within', 'bogus', '', '$ne')
const rawValue = fc.oneof(
  nastyString,
  hugeNumber.map(String),
  fc.integer({ min: -5, max: 50 }).map(String),
  fc.constantFrom('2027-01-01', '2027-02-30', '2027-01-12T09:00:00-05:00', 'pending', 'open', 'ops'),
)
const enc = encodeURIComponent

/** One `where` condition as query parameters, including list members past any sane bound and broken brackets. */
const whereParam = (paths: FieldPaths) =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...paths), OPERATOR, rawValue).map(([p, op, v]) => `where[${p}][${op}]=${enc(v)}`),
    fc.tuple(fc.constantFrom(...paths), fc.constantFrom('in', 'not_in', 'all'), fc.array(rawValue, { maxLength: 6 })).map(([p, op, vs]) =>
      vs.map((v, i) => `where[${p}][${op}][${i}]=${enc(v)}`).join('&'),
    ),
    fc.tuple(fc.constantFrom(...paths), fc.integer({ min: 400, max: 1500 })).map(([p, n]) => `where[${p}][in]=${Array.from({ length: n }, (_, i) => i + 1).join(',')}`),
    fc.tuple(fc.constantFrom(...paths), fc.constantFrom('equals', 'in')).map(([p, op]) => `where[or][0][and][0][${p}][${op}]=1&where[or][1][${p}][exists]=maybe`),
    fc.constantFrom(
      'where=not-json',
      'where={"id":{"equals":"x"}}',
      'where={"id":{"in":[1,"a",1e20]}}',
      'where[[id]]]=1',
      'where[id]=5',
      'where[id][equals][0][1]=1',
      'where[and]=x',
      'where[or][0]=1',
      'where[__proto__][polluted]=1',
      'where[id][in][1001]=1',
      'where=',
      'where[]=1',
      'data=not-json',
      'where[' + 'a'.repeat(300) + '][equals]=1',
    ),
  )

const pagingParam = fc.tuple(fc.constantFrom('page', 'limit', 'depth'), fc.oneof(hugeNumber.map(String), nastyString, fc.integer({ min: -10, max: 1000 }).map(String))).map(([k, v]) => `${k}=${enc(v)}`)

const otherParam = (paths: FieldPaths) =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...paths), fc.boolean()).map(([p, desc]) => `sort=${desc ? '-' : ''}${p}`),
    fc.constantFrom('sort=', 'sort=-', 'sort=a,b,c,d,e,f,g,h,i,j,k', 'sort[]=x', 'sort[a]=b', 'pagination=false', 'pagination=maybe', 'draft=yes', 'trash=true', 'locale=xx', 'select[nope]=true', 'select=x', 'populate[users][email]=true', 'joins=x', 'fallback-locale=zz', '[]=1', '=1', '&&&', 'a[b][c][d][e][f][g][h][i][j][k][l]=1', '%ZZ=1'),
  )

/** A query string: zero to four parameters of any of the kinds above. */
export const queryString = (paths: FieldPaths) =>
  fc.array(fc.oneof({ weight: 3, arbitrary: whereParam(paths) }, { weight: 2, arbitrary: pagingParam }, { weight: 2, arbitrary: otherParam(paths) }), { maxLength: 4 }).map((ps) =>
    ps.length ? `?${ps.join('&')}` : '',
  )

// ---------------------------------------------------------------------------------------------------------------
// bodies

/** Sign-in shaped bodies with the real accounts' e-mails, so wrong passwords hit real accounts too. */
const credentials = fc.record({
  email: fc.constantFrom('alice@jobline.local', 'pat@jobline.local', 'ops@jobline.local', 'nobody@jobline.local', 'ALICE@jobline.local '),
  password: fc.oneof(fc.constant(DEV_PASSWORD), nastyString),
})

/** A body for a route: fields of the collection with hostile values, some right ones, or raw text. */
export const body = (fieldNames: string[]) =>
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .dictionary(fc.constantFrom(...fieldNames, 'id', 'email', 'password', 'proposalId', 'windowIndex', 'version', 'windows', 'note', 'reason', 'checklist', 'token', '__proto__'), junkValue, { maxKeys: 6 })
        .map((o) => ({ json: o })),
    },
    { weight: 1, arbitrary: credentials.map((c) => ({ json: c })) },
    { weight: 1, arbitrary: junkValue.map((v) => ({ json: v })) },
    { weight: 1, arbitrary: fc.constantFrom('{"title": ', 'not json', '', '[1,2', '{"a":' + '['.repeat(5000), '\u0000', 'null').map((raw) => ({ raw })) },
  )

export type FuzzBody = { json?: unknown; raw?: string }
