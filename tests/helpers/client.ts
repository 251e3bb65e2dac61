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
