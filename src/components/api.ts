/**
 * The browser's way to the REST API: same origin (or `NEXT_PUBLIC_API_URL`, for the static export on another host),
 * the HTTP-only `payload-token` cookie (credentials: 'include'), JSON in and out, and Payload's error body turned into
 * a message plus per-field messages.
 */

/**
 * Where the API and the admin live: '' (this origin) unless the site was built with `NEXT_PUBLIC_API_URL`, e.g. the
 * static export (`npm run build:static`, docs/ui.md#static-export). Written out in full so Next inlines it at build.
 */
export const API_ORIGIN = (process.env.NEXT_PUBLIC_API_URL ?? '').replace(/\/+$/, '')

/** An absolute or same-origin URL of the app server: `appUrl('/admin')`, `appUrl('/api/health')`. */
export const appUrl = (path: string) => `${API_ORIGIN}${path}`

/** The detail page of a record in the `view?id=` form, which both the server build and the static export serve. */
export const detailHref = (collection: 'jobs' | 'assignments', id: number | string) => `/${collection}/view?id=${encodeURIComponent(String(id))}`

/** `{ "windows[1].start": "Start is in the past; …" }` — keyed by the field path the API names. */
export type FieldErrors = Record<string, string>

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: FieldErrors = {},
    readonly data: Record<string, unknown> = {},
  ) {
    super(message)
  }

  /** No such record, not yours, or (for an action) not there yet. */
  get notFound() {
    return this.status === 404
  }

  /** A 429's wait, from its `Retry-After` seconds (Payload's body carries them in `data`). */
  get retryAfterSeconds(): number | undefined {
    const seconds = Number(this.data.retryAfterSeconds)
    return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : undefined
  }
}

type ErrorBody = { errors?: { message?: string; data?: { errors?: { path?: string; field?: string; message?: string }[] } & Record<string, unknown> }[] }

async function errorFrom(res: Response): Promise<ApiError> {
  let body: ErrorBody | undefined
  try {
    body = (await res.json()) as ErrorBody
  } catch {
    // not JSON: fall back to the status text
  }
  const first = body?.errors?.[0]
  const fieldErrors: FieldErrors = {}
  for (const e of first?.data?.errors ?? []) {
    const path = e.path ?? e.field
    if (path && e.message && !fieldErrors[path]) fieldErrors[path] = e.message
  }
  const message = first?.message ?? (res.statusText || `Request failed (${res.status}).`)
  return new ApiError(message, res.status, fieldErrors, (first?.data ?? {}) as Record<string, unknown>)
}

/** Calls `/api${path}`; resolves to the parsed JSON, or rejects with an ApiError. */
export async function api<T = unknown>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(appUrl(`/api${path}`), {
    method: init.method ?? 'GET',
    credentials: 'include',
    headers: init.body !== undefined ? { 'content-type': 'application/json' } : undefined,
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    cache: 'no-store',
  })
  if (!res.ok) throw await errorFrom(res)
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

export const post = <T = unknown>(path: string, body: unknown = {}) => api<T>(path, { method: 'POST', body })

/** A list answer of the REST API. */
export type Paginated<T> = { docs: T[]; totalDocs: number }

export type QueryValue = string | number | boolean | null | undefined | QueryValue[] | { [key: string]: QueryValue }

/**
 * Payload's query string, bracket style: `{ where: { job: { equals: 3 } } }` → `where[job][equals]=3`.
 * Arrays become `[0]`, `[1]`, … so `in` and `or` lists survive.
 */
export function toQuery(params: Record<string, QueryValue>): string {
  const parts: string[] = []
  const walk = (prefix: string, value: QueryValue) => {
    if (value === undefined) return
    if (value !== null && typeof value === 'object') {
      const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value)
      for (const [k, v] of entries) walk(`${prefix}[${k}]`, v)
      return
    }
    parts.push(`${encodeURIComponent(prefix).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(String(value ?? ''))}`)
  }
  for (const [k, v] of Object.entries(params)) walk(k, v)
  return parts.join('&')
}

/** GET a list: `list('jobs', { where: {...}, sort: '-updatedAt' })`. */
export const list = <T>(collection: string, params: Record<string, QueryValue> = {}) =>
  api<Paginated<T>>(`/${collection}?${toQuery({ depth: 0, limit: 100, ...params })}`)
