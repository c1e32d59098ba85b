/**
 * Customer lifecycle states (客户生命周期) by recency relative to each customer's own purchase
 * rhythm rather than one fixed cut-off. Inputs are per-customer aggregates a database
 * computes in one pass (first and last purchase, distinct purchase days, the gap before the
 * last purchase); every threshold is an option and is echoed in the result.
 */
import { assertFinite, assertLength, invalidInput, median } from './quantiles.js'

/** The lifecycle states, indexed by `lifecycleStates(...).states`. */
export const LIFECYCLE_STATES = [
  { id: 'new', zh: '新客户', en: 'New' },
  { id: 'active', zh: '活跃客户', en: 'Active' },
  { id: 'dormant', zh: '沉睡客户', en: 'Dormant' },
  { id: 'churned', zh: '流失客户', en: 'Churned' },
  { id: 'reactivated', zh: '回流客户', en: 'Reactivated' },
] as const

/** Stable id of a lifecycle state. */
export type LifecycleStateId = (typeof LIFECYCLE_STATES)[number]['id']

/** One element per customer, all in days as of the analysis date. */
export interface LifecycleInput {
  /** Days from the first purchase to the as-of date, ≥ 0. */
  readonly daysSinceFirst: Float64Array
  /** Days from the last purchase to the as-of date, 0 ≤ value ≤ daysSinceFirst. */
  readonly daysSinceLast: Float64Array
  /** Number of distinct purchase days, an integer ≥ 1. */
  readonly purchaseDays: Float64Array | Int32Array
  /** Days between the last and the previous distinct purchase day; NaN allowed for one-time buyers. */
  readonly lastGap: Float64Array
}

/** Options of {@link lifecycleStates}; multiples are of the customer's expected interval. */
export interface LifecycleOptions {
  /** New, or reactivated, when that (first, or returning) purchase is at most this many days old (default 30). */
  readonly recentWindow?: number
  /** Dormant when days since last purchase exceed this multiple (default 2). */
  readonly dormantAfter?: number
  /** Churned beyond this multiple (default 4); a gap beyond it, then a recent purchase, is a reactivation. */
  readonly churnedAfter?: number
  /** Floor of every expected interval in days, so two purchases a day apart are no daily rhythm (default 7). */
  readonly minInterval?: number
  /**
   * Interval in days where a customer has no rhythm of its own (one-time buyers, and the
   * earlier rhythm of two-time buyers); default the median mean interval of repeat customers.
   */
  readonly fallbackInterval?: number
}

/** Lifecycle result: state per customer, the interval and ratio that decided it, and the thresholds. */
export interface LifecycleResult {
  /** Index into `LIFECYCLE_STATES` per customer. */
  readonly states: Uint8Array
  /** Expected days between purchases per customer (own mean interval or the fallback, floored). */
  readonly expectedInterval: Float64Array
  /** Days since last purchase over the expected interval. */
  readonly ratio: Float64Array
  /** Customers per state, in `LIFECYCLE_STATES` order. */
  readonly counts: readonly number[]
  readonly options: Required<LifecycleOptions>
}

/**
 * Lifecycle state per customer: new if the first purchase is within `recentWindow` days;
 * reactivated if the last purchase is within it and the gap before it exceeded
 * `churnedAfter` × the rhythm of the earlier purchases; otherwise by r = days since last /
 * expected interval: active (r ≤ dormantAfter), dormant (≤ churnedAfter) or churned.
 * @example LIFECYCLE_STATES[lifecycleStates(input).states[0]!]!.zh // '沉睡客户'
 */
export function lifecycleStates(
  input: LifecycleInput,
  options: LifecycleOptions = {},
): LifecycleResult {
  const n = checkInput(input)
  const opts = lifecycleOptions(options, () => populationInterval(input))
  const { daysSinceFirst, daysSinceLast, purchaseDays, lastGap } = input
  const floor = (interval: number) => Math.max(interval, opts.minInterval)
  const states = new Uint8Array(n)
  const expectedInterval = new Float64Array(n)
  const ratio = new Float64Array(n)
  const counts = new Array<number>(LIFECYCLE_STATES.length).fill(0)
  for (let i = 0; i < n; i++) {
    const k = purchaseDays[i] as number
    const last = daysSinceLast[i] as number
    const span = (daysSinceFirst[i] as number) - last
    const gap = lastGap[i] as number
    const expected = floor(k >= 2 ? span / (k - 1) : opts.fallbackInterval)
    const before = floor(k >= 3 ? (span - gap) / (k - 2) : opts.fallbackInterval)
    const r = last / expected
    let state: number
    if ((daysSinceFirst[i] as number) <= opts.recentWindow) state = 0
    else if (k >= 2 && last <= opts.recentWindow && gap > opts.churnedAfter * before) state = 4
    else state = r <= opts.dormantAfter ? 1 : r <= opts.churnedAfter ? 2 : 3
    states[i] = state
    expectedInterval[i] = expected
    ratio[i] = r
    counts[state] = (counts[state] as number) + 1
  }
  return { states, expectedInterval, ratio, counts, options: opts }
}

function checkInput(input: LifecycleInput): number {
  const n = input.daysSinceFirst.length
  for (const name of ['daysSinceFirst', 'daysSinceLast', 'purchaseDays'] as const) {
    assertLength(name, input[name], n)
    assertFinite(name, input[name])
  }
  assertLength('lastGap', input.lastGap, n)
  for (let i = 0; i < n; i++) {
    const first = input.daysSinceFirst[i] as number
    const last = input.daysSinceLast[i] as number
    const k = input.purchaseDays[i] as number
    const gap = input.lastGap[i] as number
    if (!Number.isInteger(k) || k < 1)
      invalidInput(`purchaseDays[${i}] must be an integer of at least 1: got ${k}`)
    if (last < 0 || last > first) {
      invalidInput(`daysSinceLast[${i}] must be from 0 to daysSinceFirst (${first}): got ${last}`)
    }
    if (k >= 2 && !(gap > 0 && gap <= first - last)) {
      invalidInput(
        `lastGap[${i}] must be more than 0 and at most the ${first - last} days between first and last purchase: got ${gap}`,
      )
    }
  }
  return n
}

/**
 * The thresholds {@link lifecycleStates} applies: `options` with their defaults, and where
 * no fallback interval is given, `typicalInterval()`: the median mean interval of the
 * customers with two or more purchase days (NaN when there are none), which a database
 * may compute where the customers are.
 * @example lifecycleOptions({ recentWindow: 45 }, () => 30).churnedAfter // 4
 */
export function lifecycleOptions(
  o: LifecycleOptions,
  typicalInterval: () => number,
): Required<LifecycleOptions> {
  const opts = {
    recentWindow: o.recentWindow ?? 30,
    dormantAfter: o.dormantAfter ?? 2,
    churnedAfter: o.churnedAfter ?? 4,
    minInterval: o.minInterval ?? 7,
    fallbackInterval: o.fallbackInterval ?? typicalInterval(),
  }
  if (o.fallbackInterval === undefined && Number.isNaN(opts.fallbackInterval)) {
    invalidInput(
      'lifecycle needs fallbackInterval: no customer has two or more purchase days to take a typical interval from',
    )
  }
  if (!(opts.dormantAfter > 0 && opts.dormantAfter < opts.churnedAfter)) {
    invalidInput(
      `lifecycle needs 0 < dormantAfter < churnedAfter: got ${opts.dormantAfter} and ${opts.churnedAfter}`,
    )
  }
  for (const name of ['recentWindow', 'minInterval', 'fallbackInterval'] as const) {
    if (!(opts[name] >= 0 && Number.isFinite(opts[name])))
      invalidInput(`lifecycle ${name} must be a finite number ≥ 0: got ${opts[name]}`)
  }
  return opts
}

function populationInterval(input: LifecycleInput): number {
  const intervals: number[] = []
  input.purchaseDays.forEach((k, i) => {
    if (k >= 2)
      intervals.push(
        ((input.daysSinceFirst[i] as number) - (input.daysSinceLast[i] as number)) / (k - 1),
      )
  })
  return median(intervals)
}
