/** A client that talks to the app the way an integrator does: JSON over HTTP with a JWT from /api/users/login. */
export type Reply<T = any> = { status: number; body: T }

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  static async login(baseUrl: string, email: string, password: string): Promise<ApiClient> {
    const res = await fetch(`${baseUrl}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    const body = await res.json()
    if (res.status !== 200 || !body.token) throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(body)}`)
    return new ApiClient(baseUrl, body.token)
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `JWT ${this.token}` } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    })
    const text = await res.text()
    let parsed: any = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      // not JSON (ICS, Prometheus text): keep the text
    }
    return { status: res.status, body: parsed }
  }

  get = <T = any>(path: string) => this.request<T>('GET', path)
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body ?? {})
  patch = <T = any>(path: string, body: unknown) => this.request<T>('PATCH', path, body)
  delete = <T = any>(path: string) => this.request<T>('DELETE', path)

  /**
   * POSTs an action (`/api/<collection>/:id/<action>`) the way the app's pages do: with the version of the record as
   * this client last read it (a record it cannot read is sent version 1, and answers 404 all the same). A `version`
   * in `body` is sent as it is, and so is a body that is not an object. `/api/jobs/:id/schedule` acts on the job's
   * active assignment, so it sends that one's.
   */
  act = async <T = any>(path: string, body: Record<string, unknown> = {}): Promise<Reply<T>> => {
    if (typeof body !== 'object' || body === null || Array.isArray(body) || body.version !== undefined) return this.post<T>(path, body)
    return this.post<T>(path, { ...body, version: await this.versionFor(path) })
  }

  private async versionFor(path: string): Promise<number> {
    const m = /^\/api\/([a-z-]+)\/(\d+)\/(.+)$/.exec(path)
    if (!m) return 1 // not an id: the route answers 404 whatever the version
    const [, collection, id, action] = m
    if (collection === 'jobs' && action === 'schedule') {
      const res = await this.get(`/api/assignments?depth=0&where[job][equals]=${id}&where[status][in]=pending_schedule,scheduled`)
      return res.body?.docs?.[0]?.version ?? 1
    }
    const res = await this.get(`/api/${collection}/${id}?depth=0`)
    return res.status === 200 && typeof res.body?.version === 'number' ? res.body.version : 1
  }

  /** POST /api/graphql; resolves to the GraphQL result ({ data, errors }) and the HTTP status. */
  gql = <T = any>(query: string, variables?: Record<string, unknown>) =>
    this.request<{ data?: T; errors?: { message: string; extensions?: { statusCode?: number; data?: any } }[] }>('POST', '/api/graphql', {
      query,
      variables,
    })
}

/** The first validation error's field path, from Payload's error body. */
export const errorField = (body: any): string | undefined =>
  body?.errors?.[0]?.data?.errors?.[0]?.path ?? body?.errors?.[0]?.data?.errors?.[0]?.field
