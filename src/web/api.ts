// The few calls the dashboard makes to the HTTP API, with the shapes it reads from them.
import type { BinCount, LifecycleStageId } from './overview-options.js'
import type { Order } from './timeline-option.js'

export type { BinCount, LifecycleStageId, Order }

export type Lang = 'zh' | 'en'

export interface TierSummary {
  readonly id: string
  readonly name: Record<Lang, string>
  readonly customers: number
  readonly customerShare: number
  readonly value: number
  readonly valueShare: number
  /** The shares the policy expects, [low, high] in 0–1 (latest run only). */
  readonly expected?: {
    readonly customers?: readonly [number, number]
    readonly value?: readonly [number, number]
  }
  readonly withinExpected?: boolean
}

/** A point of the value concentration curve, shares in 0–1, highest value first. */
export interface CurvePoint {
  readonly customerShare: number
  readonly valueShare: number
}

export interface TierList {
  readonly snapshot: number
  readonly asOf: string
  readonly policy: string
  readonly tiers: readonly TierSummary[]
  /** Warnings of the run, when the server sends them. */
  readonly warnings?: readonly string[]
  /** The customer-level Pareto curve, when the server sends it. */
  readonly pareto?: { readonly points: readonly CurvePoint[] }
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

/** Words in both languages, as the server sends notes and labels. */
export type Bilingual = Readonly<Record<Lang, string>>

/** The value map as a 2-D histogram of percentile ranks (bin k: ranks [5k, 5k + 5)). */
export interface ValueMapBins {
  readonly bins: number
  readonly cells: readonly (BinCount & { readonly x: number; readonly y: number })[]
  /** I high/high, II low value/high potential, III low/low, IV high value/low potential. */
  readonly quadrants: readonly (BinCount & { readonly name: Bilingual })[]
  readonly customers: number
  readonly unmapped: number
  readonly xLabel: Bilingual
  readonly yLabel: Bilingual
  readonly potential: 'clv' | 'clv-estimate' | 'score' | 'recency'
}

export interface Overview {
  readonly snapshot: number
  /** Always the whole store, for every role (as the tiers). */
  readonly scope: 'store'
  readonly tiers: readonly { readonly id: string; readonly name: Bilingual }[]
  readonly valueMap: ValueMapBins | null
  readonly lifecycle: {
    readonly stages: readonly (BinCount & { readonly id: LifecycleStageId })[]
  } | null
  readonly notes: { readonly valueMap?: Bilingual; readonly lifecycle?: Bilingual }
}

export interface CustomerOrders {
  readonly customerId: string
  /** All the customer's orders, not only those sent. */
  readonly total: number
  readonly page: number
  readonly pageSize: number
  /** Newest first. */
  readonly orders: readonly Order[]
}

/** One problem the server found: a dotted path or a file position, and what was wrong. */
export interface ApiIssue {
  readonly code?: string
  readonly path?: string
  readonly message?: string
  readonly expected?: string
  readonly file?: string
  readonly line?: number
  readonly row?: number
  readonly column?: string
  readonly value?: string
}

/** An answer other than 2xx; `status` 401 means "sign in first". */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly issues: readonly ApiIssue[] = [],
  ) {
    super(message)
  }
}

export type Role = 'admin' | 'analyst' | 'manager' | 'viewer'

/** The signed-in user, as the login answered. */
export interface SessionUser {
  readonly name: string
  readonly role: Role
}

const CSRF_KEY = 'clientele.csrf'
const USER_KEY = 'clientele.user'

/** The CSRF token every unsafe request of this session must echo. */
export const csrfToken = () => sessionStorage.getItem(CSRF_KEY)

export function currentUser(): SessionUser | null {
  try {
    const u = JSON.parse(sessionStorage.getItem(USER_KEY) ?? 'null') as SessionUser | null
    return u !== null && typeof u.name === 'string' ? u : null
  } catch {
    return null
  }
}

/** The error of a failed answer's JSON body, whether `error` is a text or an object. */
export function apiError(status: number, body: unknown, fallback: string): ApiError {
  const b = (body ?? {}) as { error?: unknown; message?: unknown; code?: unknown; issues?: unknown }
  const inner = typeof b.error === 'object' && b.error !== null ? (b.error as typeof b) : b
  const message =
    typeof inner.message === 'string'
      ? inner.message
      : typeof b.error === 'string'
        ? b.error
        : fallback
  const code = typeof inner.code === 'string' ? inner.code : null
  const issues = Array.isArray(inner.issues) ? (inner.issues as ApiIssue[]) : []
  return new ApiError(status, message, code, issues)
}

export interface CallInit {
  readonly method?: 'GET' | 'POST' | 'PUT'
  /** JSON unless `contentType` says otherwise. */
  readonly body?: string
  readonly contentType?: string
}

export async function call<T>(path: string, init: CallInit = {}): Promise<T> {
  const method = init.method ?? 'GET'
  const headers: Record<string, string> = { accept: 'application/json' }
  if (init.body !== undefined) headers['content-type'] = init.contentType ?? 'application/json'
  if (method !== 'GET' && path !== '/login') headers['x-csrf-token'] = await sessionCsrf()
  const res = await fetch(`/api${path}`, {
    method,
    body: init.body,
    headers,
    credentials: 'same-origin',
  })
  const body: unknown = await res.json().catch(() => ({}))
  if (!res.ok) throw apiError(res.status, body, res.statusText)
  return body as T
}

interface Session {
  readonly csrfToken: string
  readonly user: SessionUser
}

function remember(s: Session): void {
  sessionStorage.setItem(CSRF_KEY, s.csrfToken)
  sessionStorage.setItem(USER_KEY, JSON.stringify(s.user))
}

export async function login(username: string, password: string): Promise<void> {
  remember(
    await call<Session>('/login', {
      method: 'POST',
      body: JSON.stringify({ username, password }),
    }),
  )
}

/**
 * Takes the user and CSRF token of the session cookie from the server: a new tab has the
 * cookie but not the token, which only the tab that signed in was given. ApiError 401 when
 * there is no session.
 */
export async function resumeSession(): Promise<SessionUser> {
  const s = await call<Session>('/session')
  remember(s)
  return s.user
}

/** This tab's CSRF token, taken from the server first when the tab has none. */
export async function sessionCsrf(): Promise<string> {
  const known = csrfToken()
  if (known !== null) return known
  await resumeSession()
  return csrfToken() ?? ''
}

export async function logout(): Promise<void> {
  try {
    await call('/logout', { method: 'POST' })
  } finally {
    sessionStorage.removeItem(CSRF_KEY)
    sessionStorage.removeItem(USER_KEY)
  }
}

/** The latest analysis' tiers, or snapshot `snapshot`'s. */
export const getTiers = (snapshot?: number) =>
  call<TierList>(snapshot === undefined ? '/tiers' : `/tiers?snapshot=${snapshot}`)

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

/** The value map and lifecycle stages of snapshot `snapshot` (charts for the latest run only). */
export const getOverview = (snapshot: number) => call<Overview>(`/overview?snapshot=${snapshot}`)

/** A customer's newest `pageSize` orders and their total count. */
export const getCustomerOrders = (id: string, pageSize: number) =>
  call<CustomerOrders>(`/customers/${encodeURIComponent(id)}/orders?pageSize=${pageSize}`)
