/**
 * Churn analysis (客户流失率分析) from activity: a customer is active in a period when it has
 * at least one purchase in it. Churn in period t counts customers active in t − 1 and not in
 * t, over those active in t − 1; the cohort table gives, per acquisition period, the share of
 * the cohort active k periods later. Optionally split by a group (tier) per customer.
 */
import { assertLength, invalidInput } from './quantiles.js'

/** Activity as (customer, period) pairs plus per-customer cohort and group. */
export interface ChurnInput {
  /** Number of customers; customer indices run 0…customers − 1. */
  readonly customers: number
  /** Number of periods (months, quarters…); period indices run 0…periods − 1. */
  readonly periods: number
  /** Customer index per activity pair; duplicate pairs are counted once. */
  readonly customer: Int32Array
  /** Period index per activity pair. */
  readonly period: Int32Array
  /** Acquisition period per customer; default the first active period; -1 = before the window. */
  readonly cohort?: Int32Array
  /** Group (e.g. tier) per customer, 0-based, for per-group churn. */
  readonly group?: Int32Array
}

/** Per-period counts and rates of one population (everyone, or one group). */
export interface ChurnSeries {
  /** Customers active per period. */
  readonly active: Int32Array
  /** Active in t − 1 and in t (0 for t = 0). */
  readonly retained: Int32Array
  /** Active in t − 1 and not in t (0 for t = 0). */
  readonly churned: Int32Array
  /** First active in t, with a cohort inside the window. */
  readonly acquired: Int32Array
  /** Active in t, not in t − 1, but a customer before (won back); pre-window customers in period 0 count in neither. */
  readonly returning: Int32Array
  /** churned[t] / active[t − 1]; NaN for t = 0 or when nobody was active in t − 1. */
  readonly churnRate: Float64Array
}

/** Churn per period overall and per group, and the cohort retention table. */
export interface ChurnResult {
  readonly overall: ChurnSeries
  /** One series per group id, when groups were given. */
  readonly byGroup: readonly ChurnSeries[]
  /** Customers per cohort (acquisition period). */
  readonly cohortSize: Int32Array
  /** `cohortActive[c][k]`: customers of cohort c active in period c + k. */
  readonly cohortActive: readonly Int32Array[]
  /** `cohortRetention[c][k]` = cohortActive[c][k] / cohortSize[c]; NaN for an empty cohort. */
  readonly cohortRetention: readonly Float64Array[]
}

/**
 * Period churn rates, overall and by group, and the cohort × periods-since-acquisition
 * retention table, from distinct activity pairs (CSR by customer, O(pairs + customers)).
 * @example churn({ customers: 3, periods: 2, customer, period }).overall.churnRate[1]
 */
export function churn(input: ChurnInput): ChurnResult {
  const { customers: n, periods: p } = input
  if (!Number.isInteger(n) || n < 0) invalidInput(`customers must be an integer ≥ 0: got ${n}`)
  if (!Number.isInteger(p) || p < 1) invalidInput(`periods must be an integer ≥ 1: got ${p}`)
  const { start, list } = byCustomer(input)
  const groups = checkGroups(input)
  const overall = emptySeries(p)
  const byGroup = Array.from({ length: groups }, () => emptySeries(p))
  const cohortSize = new Int32Array(p)
  const cohortActive = Array.from({ length: p }, (_, c) => new Int32Array(p - c))
  for (let i = 0; i < n; i++) {
    const periods = list.subarray(start[i] as number, start[i + 1] as number).sort()
    const cohort = input.cohort?.[i] ?? (periods.length > 0 ? (periods[0] as number) : -1)
    if (cohort < -1 || cohort >= p)
      invalidInput(`cohort[${i}] must be -1 or a period from 0 to ${p - 1}: got ${cohort}`)
    if (periods.length > 0 && cohort > (periods[0] as number)) {
      invalidInput(`customer ${i} is active in period ${periods[0]} before its cohort ${cohort}`)
    }
    if (cohort >= 0) cohortSize[cohort] = (cohortSize[cohort] as number) + 1
    const series =
      input.group === undefined
        ? [overall]
        : [overall, byGroup[input.group[i] as number] as ChurnSeries]
    let previous = -2
    for (const t of periods) {
      if (t === previous) continue
      for (const s of series) count(s, t, previous, cohort)
      if (cohort >= 0) bump(cohortActive[cohort] as Int32Array, t - cohort)
      previous = t
    }
    if (previous >= 0 && previous + 1 < p) for (const s of series) bump(s.churned, previous + 1)
  }
  for (const s of [overall, ...byGroup]) finishRates(s)
  const cohortRetention = cohortActive.map((row, c) =>
    Float64Array.from(row, (v) => v / (cohortSize[c] as number)),
  )
  return { overall, byGroup, cohortSize, cohortActive, cohortRetention }
}

function bump(a: Int32Array, at: number): void {
  a[at] = (a[at] as number) + 1
}

/** Retained if active in t − 1, returning if a customer before, else newly acquired. */
function count(s: ChurnSeries, t: number, previous: number, cohort: number): void {
  bump(s.active, t)
  if (previous === t - 1) bump(s.retained, t)
  else if (previous >= 0 || (cohort < 0 && t > 0)) bump(s.returning, t)
  else if (cohort >= 0) bump(s.acquired, t)
  if (previous >= 0 && previous < t - 1) bump(s.churned, previous + 1)
}

function emptySeries(p: number): ChurnSeries {
  const ints = () => new Int32Array(p)
  return {
    active: ints(),
    retained: ints(),
    churned: ints(),
    acquired: ints(),
    returning: ints(),
    churnRate: new Float64Array(p),
  }
}

function finishRates(s: ChurnSeries): void {
  s.churnRate[0] = NaN
  for (let t = 1; t < s.active.length; t++) {
    const base = s.active[t - 1] as number
    s.churnRate[t] = base > 0 ? (s.churned[t] as number) / base : NaN
  }
}

/** Periods of each customer in one flat array, customer i's at list[start[i]…start[i + 1]). */
function byCustomer(input: ChurnInput): { start: Int32Array; list: Int32Array } {
  const { customer, period, customers: n, periods: p } = input
  assertLength('period', period, customer.length)
  const start = new Int32Array(n + 1)
  for (let j = 0; j < customer.length; j++) {
    const c = customer[j] as number
    const t = period[j] as number
    if (!(c >= 0 && c < n)) invalidInput(`customer[${j}] must be from 0 to ${n - 1}: got ${c}`)
    if (!(t >= 0 && t < p)) invalidInput(`period[${j}] must be from 0 to ${p - 1}: got ${t}`)
    bump(start, c + 1)
  }
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number)
  const fill = start.slice(0, n)
  const list = new Int32Array(customer.length)
  for (let j = 0; j < customer.length; j++) {
    const c = customer[j] as number
    list[fill[c] as number] = period[j] as number
    bump(fill, c)
  }
  return { start, list }
}

function checkGroups(input: ChurnInput): number {
  if (input.cohort !== undefined) assertLength('cohort', input.cohort, input.customers)
  if (input.group === undefined) return 0
  assertLength('group', input.group, input.customers)
  let groups = 0
  input.group.forEach((g, i) => {
    if (g < 0) invalidInput(`group[${i}] must be ≥ 0: got ${g}`)
    groups = Math.max(groups, g + 1)
  })
  return groups
}
