/**
 * Churn per period and per acquisition cohort, by tier (客户流失率分析): monthly or quarterly
 * activity from the orders before a snapshot's as-of date, grouped by the customers' tiers
 * in that snapshot, through the churn model. Only distinct (customer, period) pairs leave
 * the engine, as typed arrays.
 */
import type { Engine } from '../engine/index.js'
import { PURCHASE } from '../indicators/index.js'
import { churn, type ChurnResult } from '../models/index.js'
import { ALL_TIERS } from './kpis.js'
import type { SnapshotInfo } from './snapshot.js'
import { SNAPSHOT_CUSTOMERS_TABLE } from './tables.js'

export type CohortGrain = 'month' | 'quarter'

export interface ChurnByPeriod {
  /** A tier id, or `*` for every customer. */
  readonly tier: string
  readonly active: readonly number[]
  readonly churned: readonly number[]
  /** churned / active in the period before; null for the first period or an empty base. */
  readonly churnRate: readonly (number | null)[]
}

export interface CohortRow {
  readonly tier: string
  /** The cohort's acquisition period (its first day). */
  readonly cohort: string
  readonly size: number
  /** Share of the cohort active k periods after acquisition, k = 0, 1, … */
  readonly retention: readonly (number | null)[]
}

export interface CohortChurn {
  readonly snapshot: number
  readonly grain: CohortGrain
  /** First day of each period, oldest first; the last period ends before the as-of date. */
  readonly periods: readonly string[]
  readonly churn: readonly ChurnByPeriod[]
  readonly cohorts: readonly CohortRow[]
}

function periodStarts(asOf: string, grain: CohortGrain, count: number): string[] {
  const step = grain === 'month' ? 1 : 3
  const d = new Date(`${asOf}T00:00:00Z`)
  // Whole periods only: the last one ends where the period holding the as-of date begins.
  const month = d.getUTCMonth() - (d.getUTCMonth() % step)
  return Array.from({ length: count }, (_, k) =>
    new Date(Date.UTC(d.getUTCFullYear(), month - (count - k) * step, 1))
      .toISOString()
      .slice(0, 10),
  )
}

const rate = (v: number) => (Number.isNaN(v) ? null : v)

/** Churn per period and the cohort table, overall and per tier of `snapshot`. */
export async function cohortChurn(
  engine: Engine,
  snapshot: SnapshotInfo,
  options: { grain?: CohortGrain; periods?: number } = {},
): Promise<CohortChurn> {
  const grain = options.grain ?? 'month'
  const periods = periodStarts(snapshot.asOf, grain, Math.max(2, options.periods ?? 12))
  const d = engine.dialect
  const starts = periods.map((p) => Date.parse(p) / 86_400_000)
  const end = new Date(`${periods[periods.length - 1]}T00:00:00Z`)
  end.setUTCMonth(end.getUTCMonth() + (grain === 'month' ? 1 : 3))
  const lo = d.dateLiteral(periods[0]!)
  const hi = d.dateLiteral(end.toISOString().slice(0, 10))
  const customers = `SELECT customer_id, tier_rank, first_purchase,
      CAST(row_number() OVER (ORDER BY customer_id) - 1 AS INTEGER) AS idx
    FROM ${SNAPSHOT_CUSTOMERS_TABLE} WHERE snapshot_id = ${snapshot.id}`
  const c = await engine.columns(
    `SELECT idx, tier_rank, ${d.daysBetween(d.dateLiteral('1970-01-01'), d.dateTrunc(grain, 'first_purchase'))} AS cohort_day
     FROM (${customers}) AS c ORDER BY idx`,
  )
  const pairs = await engine.columns(
    `SELECT DISTINCT c.idx, ${d.daysBetween(d.dateLiteral('1970-01-01'), d.dateTrunc(grain, 't.date'))} AS day
     FROM transactions t JOIN (${customers}) AS c ON c.customer_id = t.customer_id
     WHERE ${PURCHASE} AND t.date >= ${lo} AND t.date < ${hi}
       AND t.date < ${d.dateLiteral(snapshot.asOf)}`,
  )
  const index = new Map(starts.map((s, k) => [s, k]))
  const n = (c.idx as Float64Array).length
  const group = Int32Array.from(c.tier_rank as Float64Array)
  const cohortDay = c.cohort_day as Float64Array
  const cohort = Int32Array.from(cohortDay, (v) => index.get(v) ?? -1)
  const customer = Int32Array.from(pairs.idx as Float64Array)
  const period = Int32Array.from(pairs.day as Float64Array, (v) => index.get(v) ?? 0)
  // A customer's first purchase can only be later than its first active period if orders
  // were re-imported after the snapshot; the cohort then starts with its activity.
  for (let j = 0; j < customer.length; j++) {
    const i = customer[j]!
    if (cohort[i]! > period[j]!) cohort[i] = period[j]!
  }
  const tiers = snapshot.policy.tiers
  const overall = churn({ customers: n, periods: periods.length, customer, period, cohort, group })
  const out: { churn: ChurnByPeriod[]; cohorts: CohortRow[] } = { churn: [], cohorts: [] }
  const series = (tier: string, s: ChurnResult['overall']): ChurnByPeriod => ({
    tier,
    active: Array.from(s.active),
    churned: Array.from(s.churned),
    churnRate: Array.from(s.churnRate, rate),
  })
  const cohortRows = (tier: string, r: ChurnResult) =>
    periods.flatMap((p, k) =>
      r.cohortSize[k] === 0
        ? []
        : [
            {
              tier,
              cohort: p,
              size: r.cohortSize[k]!,
              retention: Array.from(r.cohortRetention[k]!, rate),
            },
          ],
    )
  out.churn.push(series(ALL_TIERS, overall.overall))
  out.cohorts.push(...cohortRows(ALL_TIERS, overall))
  tiers.forEach((t, g) => {
    const own = overall.byGroup[g]
    out.churn.push(
      own === undefined
        ? {
            tier: t.id,
            active: periods.map(() => 0),
            churned: periods.map(() => 0),
            churnRate: periods.map(() => null),
          }
        : series(t.id, own),
    )
    const keep = Uint8Array.from(group, (v) => (v === g ? 1 : 0))
    const sel = customer.reduce((a, i) => a + keep[i]!, 0)
    const cu = new Int32Array(sel)
    const pe = new Int32Array(sel)
    let w = 0
    for (let j = 0; j < customer.length; j++)
      if (keep[customer[j]!] === 1) {
        cu[w] = customer[j]!
        pe[w++] = period[j]!
      }
    const co = Int32Array.from(cohort, (v, i) => (keep[i] === 1 ? v : -1))
    out.cohorts.push(
      ...cohortRows(
        t.id,
        churn({ customers: n, periods: periods.length, customer: cu, period: pe, cohort: co }),
      ),
    )
  })
  return { snapshot: snapshot.id, grain, periods, ...out }
}
