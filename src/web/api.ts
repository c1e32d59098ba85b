// The few calls the dashboard makes to the HTTP API, with the shapes it reads from them.

export type Lang = 'zh' | 'en'

export interface TierSummary {
  readonly id: string
  readonly name: Record<Lang, string>
  readonly customers: number
  readonly customerShare: number
  readonly value: number
  readonly valueShare: number
}

export interface TierList {
  readonly snapshot: number
  readonly asOf: string
  readonly policy: string
  readonly tiers: readonly TierSummary[]
}

export interface CustomerRow {
  readonly customer_id: string
  readonly name: string | null
  readonly tier: string
  readonly segment: string | null
  readonly account_manager: string | null
  readonly monetary: number | null
  readonly frequency: number | null
  readonly recency_days: number | null
  readonly last_purchase: string | null
}

export interface CustomerPage {
  readonly total: number
  readonly page: number
  readonly pageSize: number
  readonly customers: readonly CustomerRow[]
}

export interface CustomerDetail {
  readonly customer: CustomerRow & {
    readonly reason_zh: string | null
    readonly reason_en: string | null
    readonly basis: string | null
    readonly needs: string | null
    readonly [column: string]: unknown
  }
  readonly actions: readonly {
    readonly action: string
    readonly text: string
    readonly owner: string | null
    readonly priority: string | null
    readonly due: string | null
    readonly status: string | null
  }[]
  readonly history: readonly {
    readonly snapshot: number
    readonly as_of: string
    readonly policy: string
    readonly tier: string
  }[]
}

/** An answer other than 2xx; `status` 401 means "sign in first". */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

const CSRF_KEY = 'clientele.csrf'

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const csrf = sessionStorage.getItem(CSRF_KEY)
  const headers: Record<string, string> = { accept: 'application/json' }
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  if (init.method === 'POST' && csrf !== null) headers['x-csrf-token'] = csrf
  const res = await fetch(`/api${path}`, { ...init, headers, credentials: 'same-origin' })
  const body = (await res.json().catch(() => ({}))) as { error?: string }
  if (!res.ok) throw new ApiError(res.status, body.error ?? res.statusText)
  return body as T
}

export async function login(username: string, password: string): Promise<void> {
  const r = await call<{ csrfToken: string }>('/login', {
    method: 'POST',
    body: JSON.stringify({ username, password }),
  })
  sessionStorage.setItem(CSRF_KEY, r.csrfToken)
}

export async function logout(): Promise<void> {
  try {
    await call('/logout', { method: 'POST' })
  } finally {
    sessionStorage.removeItem(CSRF_KEY)
  }
}

export const getTiers = () => call<TierList>('/tiers')

export interface PageQuery {
  readonly tier?: string
  readonly q?: string
  readonly sort: string
  readonly order: 'asc' | 'desc'
  readonly page: number
  readonly pageSize: number
}

export function getCustomers(q: PageQuery): Promise<CustomerPage> {
  const params = new URLSearchParams()
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v))
  return call<CustomerPage>(`/customers?${params.toString()}`)
}

export const getCustomer = (id: string) =>
  call<CustomerDetail>(`/customers/${encodeURIComponent(id)}`)
