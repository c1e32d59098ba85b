/**
 * The tracking use cases (SPEC §5): the snapshot history, forgetting one, comparing two,
 * trends with churn by tier and cohort, building a history from the order log at past
 * dates (backfill, or `analyze --as-of` given several times). The history and comparisons
 * read DuckDB and ClickHouse stores alike (the engine is the store's); the rest is
 * DuckDB's only, and says so on a ClickHouse store.
 */
import { addDays, isoDate } from '../indicators/index.js'
import { ensureStore } from '../ingest/index.js'
import { ClienteleError } from '../schema/index.js'
import { resolvePolicy, type Lang } from '../tiering/index.js'
import {
  cohortChurn,
  compareSnapshots,
  dataFingerprint,
  forgetSnapshot,
  listSnapshots,
  tierTrends,
  trendSnapshots,
  type CohortChurn,
  type CohortGrain,
  type SnapshotComparison,
  type SnapshotInfo,
  type TierTrends,
} from '../tracking/index.js'
import { runAnalysis, type AnalyzeOptions, type AnalyzeResult } from './analyze.js'
import { withDuckDBStore, withStore } from './store.js'

export interface StoreOption {
  readonly store?: string
}

/** Every snapshot in the store, oldest as-of date first. */
export function history(o: StoreOption = {}): Promise<SnapshotInfo[]> {
  return withStore(o.store, (engine) => listSnapshots(engine))
}

/** Removes snapshot `snapshot` (an id, `latest` or `previous`) and returns what it was. */
export function forget(o: StoreOption & { snapshot: string }): Promise<SnapshotInfo> {
  return withDuckDBStore(o.store, 'forget', (engine) => forgetSnapshot(engine, o.snapshot))
}

export interface CompareSnapshotsOptions extends StoreOption {
  /** Snapshot ids, `latest` or `previous`; default previous and latest. */
  readonly from?: string
  readonly to?: string
  readonly limit?: number
  readonly lang?: Lang
}

/** The tier migration between two snapshots. */
export function compare(o: CompareSnapshotsOptions): Promise<SnapshotComparison> {
  return withStore(o.store, (engine) =>
    compareSnapshots(engine, o.from ?? 'previous', o.to ?? 'latest', {
      limit: o.limit,
      lang: o.lang,
    }),
  )
}

export interface TrendsOptions extends StoreOption {
  /** The policy id whose snapshots to follow; default the latest snapshot's. */
  readonly policy?: string
  readonly grain?: CohortGrain
  /** Periods of the churn and cohort tables; default 12. */
  readonly periods?: number
}

export interface TrendsResult {
  readonly trends: TierTrends
  /** Churn per period and cohort, by the tiers of the latest snapshot. */
  readonly churn: CohortChurn
}

/** Tier trends, KPIs, and churn by tier per period and cohort. */
export function trends(o: TrendsOptions): Promise<TrendsResult> {
  return withDuckDBStore(o.store, 'trends', async (engine) => {
    const snapshots = await trendSnapshots(engine, o.policy)
    return {
      trends: await tierTrends(engine, snapshots),
      churn: await cohortChurn(engine, snapshots[snapshots.length - 1]!, {
        grain: o.grain,
        periods: o.periods,
      }),
    }
  })
}

export type Every = 'week' | 'month' | 'quarter'

/** `from`, then every `every` after it, up to and including `to` (month ends clamp). */
export function backfillDates(from: string, to: string, every: Every): string[] {
  const a = isoDate(from, '--from date')
  const b = isoDate(to, '--to date')
  if (a > b) throw new ClienteleError('USAGE', `invalid --from: ${a} is after --to ${b}`)
  const [y, m, d] = a.split('-').map(Number) as [number, number, number]
  const out: string[] = []
  for (let k = 0; ; k++) {
    let next: string
    if (every === 'week') next = addDays(a, 7 * k)
    else {
      const months = m - 1 + k * (every === 'month' ? 1 : 3)
      const last = new Date(Date.UTC(y, months + 1, 0)).getUTCDate()
      next = new Date(Date.UTC(y, months, Math.min(d, last))).toISOString().slice(0, 10)
    }
    if (next > b) return out
    out.push(next)
  }
}

export interface BackfillOptions extends StoreOption {
  readonly from: string
  readonly to: string
  readonly every?: Every
  readonly policy?: string
  readonly window?: string
  readonly onProgress?: (event: { stage: string; detail?: string }) => void
}

export interface BackfillResult {
  readonly policy: string
  readonly snapshots: readonly {
    readonly asOf: string
    /** The new snapshot, or the identical one already kept. */
    readonly id: number
    readonly customers: number
    /** True when a snapshot of the same date, policy, window and data was already kept. */
    readonly kept: boolean
  }[]
}

/**
 * Builds a history from the order log: one analysis and snapshot per date, each seeing only
 * what was known before it. Dates already kept with the same policy, window and data are
 * not analysed again. Actions of these past dates are not followed.
 */
export function backfill(o: BackfillOptions): Promise<BackfillResult> {
  const policy = resolvePolicy(o.policy ?? 'rfm-cn8')
  const dates = backfillDates(o.from, o.to, o.every ?? 'month')
  const window = o.window ?? policy.window
  return withDuckDBStore(o.store, 'backfill', async (engine) => {
    await ensureStore(engine)
    const out: BackfillResult['snapshots'][number][] = []
    for (const asOf of dates) {
      o.onProgress?.({ stage: 'backfill', detail: asOf })
      const { fingerprint } = await dataFingerprint(engine, asOf)
      const same = (await listSnapshots(engine)).find(
        (s) =>
          s.asOf === asOf &&
          s.policy.hash === policy.hash &&
          s.window === window &&
          s.fingerprint === fingerprint,
      )
      if (same) {
        out.push({ asOf, id: same.id, customers: same.customers, kept: true })
        continue
      }
      const r = await runAnalysis(engine, policy, {
        asOf,
        window: o.window,
        formats: [],
        followActions: false,
      })
      out.push({ asOf, id: r.snapshot.id, customers: r.customers, kept: false })
    }
    return { policy: policy.id, snapshots: out }
  })
}

/**
 * `analyze` at several as-of dates, oldest first: each is kept as a snapshot; only the
 * latest writes the output files and opens its actions.
 */
export function analyzeDates(
  o: AnalyzeOptions & { readonly asOfs: readonly string[] },
): Promise<AnalyzeResult[]> {
  const policy = resolvePolicy(o.policy ?? 'rfm-cn8')
  const dates = [...new Set(o.asOfs.map((d) => isoDate(d, 'as-of date')))].sort()
  return withStore(o.store, async (engine) => {
    const results: AnalyzeResult[] = []
    for (const [k, asOf] of dates.entries()) {
      const last = k === dates.length - 1
      results.push(
        await runAnalysis(engine, policy, {
          ...o,
          asOf,
          files: k === 0 ? o.files : [],
          ...(last ? {} : { formats: [], followActions: false }),
        }),
      )
    }
    return results
  })
}
