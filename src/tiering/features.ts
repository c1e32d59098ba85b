/**
 * Model outputs as per-customer columns of a frame, for the models a policy names:
 * percentiles of indicators (`<name>_pct`), RFM scores and classes, ABC classes,
 * lifecycle states, a scorecard score, and BTYD predictions (P(alive), expected
 * purchases, churn risk, expected spend, CLV). BTYD predictions are computed once per
 * distinct (x, t_x, T) row and spread to customers through an index, never per object.
 */
import {
  ABC_CLASSES,
  LIFECYCLE_STATES,
  RFM_CN8_CLASSES,
  RFM_SEGMENTS,
  abcClasses,
  bgNbdExpectedPurchases,
  bgNbdProbabilityAlive,
  bgNbdProbabilityNoPurchase,
  discountedClv,
  fitBgNbd,
  fitGammaGamma,
  fitMbgNbd,
  fitParetoNbd,
  gammaGammaExpectedSpend,
  lifecycleStates,
  mbgNbdExpectedPurchases,
  mbgNbdProbabilityAlive,
  mbgNbdProbabilityNoPurchase,
  paretoNbdExpectedPurchases,
  paretoNbdProbabilityAlive,
  paretoNbdProbabilityNoPurchase,
  percentileRanks,
  rfmEightClasses,
  rfmScores,
  rfmSegments,
  scorecard,
  type CustomerSummary,
} from '../models/index.js'
import { ClienteleError } from '../schema/index.js'
import type { Frame } from './frame.js'
import type { Policy } from './policy.js'

/** Days per unit of the BTYD time axis used by the tiering (weeks). */
export const BTYD_UNIT_DAYS = 7
const WEEKS_PER_YEAR = 365.25 / 7

export interface ModelDiagnostics {
  readonly clv?: {
    readonly model: string
    readonly params: Record<string, number>
    readonly spend: Record<string, number>
    readonly converged: boolean
    readonly customers: number
    readonly distinctRows: number
    readonly logLikelihood: number
  }
  readonly rfm?: {
    readonly cuts: Record<string, readonly number[]>
    readonly thresholds: Record<string, number>
  }
  readonly abc?: {
    readonly cutValues: { a: number | null; b: number | null }
    readonly indicator: string
  }
  readonly scorecard?: {
    readonly weights: Record<string, number>
    readonly consistencyRatio?: number
  }
  readonly warnings: readonly string[]
}

const num = (f: Frame, name: string): Float64Array => {
  const c = f.numbers.get(name)
  if (c === undefined)
    throw new ClienteleError(
      'POLICY_INVALID',
      `the policy needs the indicator ${name}, which is not available`,
    )
  return c
}
const orZero = (a: Float64Array) => a.map((v) => (Number.isNaN(v) ? 0 : v))
const ids = <T extends { id: string }>(table: readonly T[], idx: Uint8Array) =>
  Array.from(idx, (k) => table[k]!.id)

function spanWeeks(span: string): number {
  const m = /^(\d+)([dwmy])$/.exec(span)!
  const n = Number(m[1])
  const days = { d: 1, w: 7, m: 30.4375, y: 365.25 }[m[2] as 'd' | 'w' | 'm' | 'y']
  return (n * days) / 7
}

const PREDICT = {
  bgnbd: {
    fit: fitBgNbd,
    alive: bgNbdProbabilityAlive,
    expected: bgNbdExpectedPurchases,
    none: bgNbdProbabilityNoPurchase,
  },
  pnbd: {
    fit: fitParetoNbd,
    alive: paretoNbdProbabilityAlive,
    expected: paretoNbdExpectedPurchases,
    none: paretoNbdProbabilityNoPurchase,
  },
  mbgnbd: {
    fit: fitMbgNbd,
    alive: mbgNbdProbabilityAlive,
    expected: mbgNbdExpectedPurchases,
    none: mbgNbdProbabilityNoPurchase,
  },
} as const

function btydFeatures(f: Frame, policy: Policy, warnings: string[]): ModelDiagnostics['clv'] {
  const cfg = policy.models.clv!
  const [x, tx, T, zbar] = ['btyd_x', 'btyd_tx', 'btyd_T', 'btyd_zbar'].map((c) => num(f, c)) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ]
  const index = new Int32Array(f.n).fill(-1)
  const keys = new Map<string, number>()
  const rows: number[] = []
  const weight: number[] = []
  for (let i = 0; i < f.n; i++) {
    if (!(T[i]! > 0)) continue
    const key = `${x[i]}|${tx[i]}|${T[i]}|${zbar[i]}`
    let k = keys.get(key)
    if (k === undefined) {
      k = rows.length
      keys.set(key, k)
      rows.push(i)
      weight.push(0)
    }
    weight[k]!++
    index[i] = k
  }
  if (rows.length === 0) {
    warnings.push(
      'no customer has a purchase history long enough for the CLV model; CLV columns are empty',
    )
    return undefined
  }
  const pick = (a: Float64Array) => Float64Array.from(rows, (i) => a[i]!)
  const data: CustomerSummary = {
    x: pick(x),
    tx: pick(tx),
    T: pick(T),
    weight: Float64Array.from(weight),
  }
  const m = PREDICT[cfg.model]
  const fit = m.fit(data)
  if (!fit.converged)
    warnings.push(
      `the ${cfg.model} fit did not converge (${fit.status}); CLV figures are uncertain`,
    )
  const params = fit.params as never
  const horizon = spanWeeks(cfg.horizon)
  const alive = m.alive(params, data)
  const expected = m.expected(params, data, horizon)
  const none = m.none(params, data, spanWeeks(cfg.churnHorizon))
  const spendData = { x: data.x, zbar: pick(zbar), weight: data.weight }
  const gg = fitGammaGamma(spendData)
  for (const w of gg.warnings) warnings.push(w.message)
  const spend = gammaGammaExpectedSpend(gg.params, spendData)
  // With q ≤ 1 the model's population mean spend p·γ/(q − 1) does not exist, and the formula
  // turns negative for customers without repeat purchases: use the observed mean instead.
  if (gg.params.q <= 1) {
    let sum = 0
    let count = 0
    for (let k = 0; k < rows.length; k++) {
      if (spendData.x[k]! > 0 && spendData.zbar[k]! > 0) {
        sum += spendData.zbar[k]! * weight[k]!
        count += weight[k]!
      }
    }
    const observed = count > 0 ? sum / count : 0
    for (let k = 0; k < rows.length; k++) if (!(spend[k]! > 0)) spend[k] = observed
    warnings.push(
      `the spend model's q is ${gg.params.q.toFixed(2)} (≤ 1: spend is heavy-tailed), so one-time buyers get the observed mean repeat spend (${observed.toFixed(2)})`,
    )
  }
  const months = Math.max(1, Math.round(horizon / (WEEKS_PER_YEAR / 12)))
  const clv = discountedClv({
    expectedPurchases: (t) => m.expected(params, data, t),
    spend,
    intervals: months,
    intervalLength: horizon / months,
    annualDiscountRate: cfg.annualDiscountRate,
    unitsPerYear: WEEKS_PER_YEAR,
  }).total
  const spread = (a: Float64Array) => Float64Array.from(index, (k) => (k < 0 ? NaN : a[k]!))
  f.numbers.set('p_alive', spread(alive))
  f.numbers.set('expected_purchases', spread(expected))
  f.numbers.set('churn_risk', spread(none))
  f.numbers.set('expected_spend', spread(spend))
  f.numbers.set('clv', spread(clv))
  return {
    model: cfg.model,
    params: fit.params as unknown as Record<string, number>,
    spend: gg.params as unknown as Record<string, number>,
    converged: fit.converged && gg.converged,
    customers: fit.customers,
    distinctRows: rows.length,
    logLikelihood: fit.logLikelihood,
  }
}

/** Adds the policy's model outputs to `f` and returns what the models reported. */
export function addModelFeatures(f: Frame, policy: Policy): ModelDiagnostics {
  const warnings: string[] = []
  const out: { -readonly [K in keyof ModelDiagnostics]: ModelDiagnostics[K] } = { warnings }
  const models = policy.models
  if (models.clv) out.clv = btydFeatures(f, policy, warnings)
  if (models.rfm && f.n > 0) {
    // Customers with no purchase yet have no recency; they rank as least recent.
    const recency = num(f, 'recency_days').map((v) =>
      Number.isNaN(v) ? Number.MAX_SAFE_INTEGER : v,
    )
    const input = {
      recency,
      frequency: orZero(num(f, 'frequency')),
      monetary: orZero(num(f, 'monetary')),
    }
    const s = rfmScores(input, { bins: models.rfm.bins })
    for (const w of s.warnings) warnings.push(w.message)
    const eight = rfmEightClasses(input, { center: models.rfm.center })
    f.numbers.set('r_score', Float64Array.from(s.r))
    f.numbers.set('f_score', Float64Array.from(s.f))
    f.numbers.set('m_score', Float64Array.from(s.m))
    f.numbers.set('fm_score', Float64Array.from(s.fm))
    f.texts.set('rfm_class', ids(RFM_CN8_CLASSES, eight.classes))
    f.texts.set('rfm_segment', ids(RFM_SEGMENTS, rfmSegments(s.r, s.fm).segments))
    const cls = Array.from(eight.classes, (k) => RFM_CN8_CLASSES[k]!)
    f.numbers.set(
      'r_high',
      Float64Array.from(cls, (c) => (c.r === 'high' ? 1 : 0)),
    )
    f.numbers.set(
      'f_high',
      Float64Array.from(cls, (c) => (c.f === 'high' ? 1 : 0)),
    )
    f.numbers.set(
      'm_high',
      Float64Array.from(cls, (c) => (c.m === 'high' ? 1 : 0)),
    )
    out.rfm = {
      cuts: { recency: s.recency.cuts, frequency: s.frequency.cuts, monetary: s.monetary.cuts },
      thresholds: eight.thresholds,
    }
  }
  if (models.abc && f.n > 0) {
    const a = abcClasses(orZero(num(f, models.abc.indicator)), {
      thresholds: models.abc.thresholds,
    })
    for (const w of a.warnings) warnings.push(w.message)
    f.texts.set(
      'abc_class',
      Array.from(a.classes, (k) => ABC_CLASSES[k]!.id.toUpperCase()),
    )
    out.abc = { cutValues: a.cutValues, indicator: models.abc.indicator }
  }
  if (models.lifecycle && f.n > 0) {
    const tenure = num(f, 'days_since_first_purchase')
    const l = lifecycleStates(
      {
        daysSinceFirst: tenure,
        daysSinceLast: num(f, 'recency_days'),
        purchaseDays: orZero(num(f, 'purchase_days_total')),
        lastGap: num(f, 'last_gap_days'),
      },
      models.lifecycle.newWithinDays === undefined
        ? {}
        : { recentWindow: models.lifecycle.newWithinDays },
    )
    f.texts.set(
      'lifecycle',
      Array.from(l.states, (k, i) => (Number.isNaN(tenure[i]!) ? null : LIFECYCLE_STATES[k]!.id)),
    )
  }
  if (models.scorecard && f.n > 0) {
    const sc = models.scorecard
    const w = sc.weights
    const result = scorecard(
      sc.indicators.map((name) => ({
        name,
        values: orZero(num(f, name)),
        direction: directionOf(name),
      })),
      {
        method: sc.normalise,
        weights:
          w === 'entropy'
            ? { kind: 'entropy' }
            : Array.isArray(w)
              ? w
              : { kind: 'ahp', matrix: (w as { ahp: number[][] }).ahp },
      },
    )
    for (const x of result.warnings) warnings.push(x.message)
    f.numbers.set('score', result.scores)
    out.scorecard = {
      weights: Object.fromEntries(sc.indicators.map((n, j) => [n, result.weights[j]!])),
      consistencyRatio: result.ahp?.cr,
    }
    if (result.ahp && !result.ahp.consistent) {
      warnings.push(
        `the AHP comparisons are inconsistent (CR ${result.ahp.cr.toFixed(3)} ≥ 0.1); revise the pairwise judgements`,
      )
    }
  }
  return out
}

const LOWER_IS_BETTER = new Set([
  'recency_days',
  'refund_amount',
  'complaints',
  'complaint_rate',
  'days_since_contact',
  'churn_risk',
  'purchase_interval_days',
  'purchase_regularity',
])
export function directionOf(name: string): 'higher' | 'lower' {
  return LOWER_IS_BETTER.has(name) ? 'lower' : 'higher'
}

/** Adds `<name>_pct` (mid-rank percentile, 0–1) for each named numeric column present. */
export function addPercentiles(f: Frame, names: Iterable<string>): void {
  for (const name of names) {
    const c = f.numbers.get(name)
    if (c === undefined || f.numbers.has(`${name}_pct`)) continue
    const present = c.filter((v) => !Number.isNaN(v))
    const ranks = present.length === 0 ? new Float64Array(0) : percentileRanks(present)
    const out = new Float64Array(f.n).fill(NaN)
    let k = 0
    for (let i = 0; i < f.n; i++) if (!Number.isNaN(c[i]!)) out[i] = ranks[k++]!
    f.numbers.set(`${name}_pct`, out)
  }
}
