// The calls of the managing pages: running analyses, policies and their preview, snapshots and
// their comparison, the action list, and the export formats. Shapes hold what the pages read;
// the server may send more.
import { call, type Lang, type TierSummary } from './api.js'

export interface Bilingual {
  readonly zh: string
  readonly en: string
}

export interface AnalysisResult {
  readonly snapshot: number
  readonly asOf: string
  readonly customers: number
  readonly tiers: readonly TierSummary[]
  readonly warnings?: readonly string[]
}

/** Runs policy `policy` as of `asOf` (YYYY-MM-DD, or the day after the last order). */
export const runAnalysis = (policy: string, asOf?: string) =>
  call<AnalysisResult>('/analyses', {
    method: 'POST',
    body: JSON.stringify(asOf === undefined || asOf === '' ? { policy } : { policy, asOf }),
  })

export interface PolicyEntry {
  readonly name: string
  readonly kind: 'preset' | 'saved'
  readonly updatedAt: string | null
  readonly updatedBy: string | null
}

export interface PolicyTier {
  readonly id: string
  readonly name: Bilingual
  readonly when: string | null
}

export interface PolicyDetail extends PolicyEntry {
  readonly text: string
  readonly summary: {
    readonly id: string
    readonly name: Bilingual
    readonly tiers: readonly PolicyTier[]
  }
}

export const getPolicies = () => call<{ policies: readonly PolicyEntry[] }>('/policies')

export const getPolicy = (name: string) =>
  call<PolicyDetail>(`/policies/${encodeURIComponent(name)}`)

export const savePolicy = (name: string, text: string) =>
  call<{ name: string }>(`/policies/${encodeURIComponent(name)}`, {
    method: 'PUT',
    body: text,
    contentType: 'application/yaml',
  })

export interface PreviewTier extends TierSummary {
  readonly name: Record<Lang, string>
}

export interface PolicyPreview {
  /** The date both policies tier at, and where it came from (the latest run's by default). */
  readonly asOf: string
  readonly asOfFrom?: 'request' | 'latest-run' | 'last-order'
  readonly customers: number
  readonly from: { readonly id: string; readonly tiers: readonly PreviewTier[] }
  readonly to: { readonly id: string; readonly tiers: readonly PreviewTier[] }
  /** Customers by their tier under `from` (outer key) and under `to` (inner key). */
  readonly matrix: Readonly<Record<string, Readonly<Record<string, number>>>>
  readonly changed: number
}

/** What policy text `policy` would do to the tiers, against the latest run's policy. */
export const previewPolicy = (policy: string) =>
  call<PolicyPreview>('/policies/preview', { method: 'POST', body: JSON.stringify({ policy }) })

export interface SnapshotInfo {
  readonly id: number
  readonly createdAt: string
  readonly asOf: string
  readonly policy: {
    readonly id: string
    readonly name: Bilingual
    readonly tiers: readonly { readonly id: string; readonly name: Bilingual }[]
  }
  readonly customers: number
}

export const getSnapshots = () => call<readonly SnapshotInfo[]>('/snapshots')

export interface SnapshotRef {
  readonly id: number
  readonly asOf: string
  readonly policy: string
  readonly customers: number
  readonly tiers: readonly { readonly id: string; readonly name: Bilingual }[]
}

export interface Comparison {
  readonly from: SnapshotRef
  readonly to: SnapshotRef
  readonly customers: number
  readonly matrix: Readonly<Record<string, Readonly<Record<string, number>>>>
  readonly stayed: number
  readonly up: number
  readonly down: number
  readonly moved: readonly {
    readonly customerId: string
    readonly from: string
    readonly to: string
    readonly direction: 'up' | 'down' | 'changed'
    readonly value: number | null
  }[]
  readonly movedTotal: number
  readonly new?: { readonly customers: number }
  readonly lost?: { readonly customers: number }
  readonly gone?: { readonly customers: number }
}

export const compareSnapshots = (from: number, to: number, lang: Lang) =>
  call<Comparison>(`/compare?from=${from}&to=${to}&lang=${lang}`)

export type ActionState = 'open' | 'done' | 'skipped'

export interface TrackedAction {
  readonly id: number
  readonly customerId: string
  readonly tier: string | null
  readonly action: string
  readonly text: string | null
  readonly owner: string | null
  readonly priority: string | null
  readonly due: string
  readonly state: ActionState
  readonly note: string | null
  readonly overdue: boolean
}

export interface OwnerStats {
  readonly owner: string
  readonly total: number
  readonly open: number
  readonly done: number
  readonly skipped: number
  readonly overdue: number
  readonly completionRate: number | null
}

export interface ActionList {
  readonly today: string
  readonly actions: readonly TrackedAction[]
  readonly owners: readonly OwnerStats[]
}

export interface ActionQuery {
  readonly owner?: string
  readonly state?: ActionState
  readonly overdue?: boolean
}

export function getActions(q: ActionQuery): Promise<ActionList> {
  const p = new URLSearchParams()
  if (q.owner !== undefined && q.owner !== '') p.set('owner', q.owner)
  if (q.state !== undefined) p.set('state', q.state)
  if (q.overdue === true) p.set('overdue', 'true')
  const s = p.toString()
  return call<ActionList>(`/actions${s === '' ? '' : `?${s}`}`)
}

export const closeAction = (id: number, state: 'done' | 'skipped', note: string) =>
  call<TrackedAction>(`/actions/${id}`, {
    method: 'POST',
    body: JSON.stringify(note.trim() === '' ? { state } : { state, note: note.trim() }),
  })

export interface ExportList {
  /** The formats GET /api/exports/:format accepts; `csv` is the analysis table. */
  readonly formats: readonly string[]
  /** The record kinds a CRM file can describe. */
  readonly objects: readonly string[]
}

/** The downloads the server offers. */
export const getExports = () => call<ExportList>('/exports')
