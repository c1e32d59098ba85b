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
  distinctRows,
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
  type ScorecardWeights,
  type WeightSpec,
} from '../models/index.js'
import { ClienteleError } from '../schema/index.js'
import type { Frame } from './frame.js'
import type { Policy } from './policy.js'

export const WEEKS_PER_YEAR = 365.25 / 7

export interface ModelDiagnostics {
  readonly clv?: {
    readonly model: string
    readonly params: Record<string, number>
    readonly spend: Record<string, number>
    readonly converged: boolean
    readonly customers: number
    readonly distinctRows: number
    readonly spendRows: number
    /** Whether t_x, T and spend were put on a grid to bound the rows (large stores). */
    readonly grid: boolean
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
// Columns are built with plain loops: V8 runs `Float64Array.from(index, fn)`, a typed
// array's `map` and `filter` at 200–330 ms per 1.3 million values, a loop at 30–60 ms.

/** `a` with each missing value as `fill`. */
function filled(a: Float64Array, fill: number): Float64Array {
  const out = new Float64Array(a.length)
  for (let i = 0; i < a.length; i++) out[i] = Number.isNaN(a[i]!) ? fill : a[i]!
  return out
}
const orZero = (a: Float64Array) => filled(a, 0)
/** Indices of the customers with a value. */
function present(a: Float64Array): Int32Array {
  const out = new Int32Array(a.length)
  let k = 0
  for (let i = 0; i < a.length; i++) if (!Number.isNaN(a[i]!)) out[k++] = i
  return out.slice(0, k)
}
/** `values[index[i]]` for each i, NaN where the index is negative. */
function gather(values: Float64Array, index: ArrayLike<number>): Float64Array {
  const out = new Float64Array(index.length)
  for (let i = 0; i < out.length; i++) {
    const k = index[i]!
    out[i] = k < 0 ? NaN : values[k]!
  }
  return out
}
/** A missing value as zero, or for a lower-is-better indicator as its worst (largest) value. */
function missingAsWorst(a: Float64Array, direction: 'higher' | 'lower'): Float64Array {
  if (direction === 'higher') return orZero(a)
  let worst = 0
  for (let i = 0; i < a.length; i++) if (a[i]! > worst) worst = a[i]!
  return filled(a, worst)
}
const ids = <T extends { id: string }>(table: readonly T[], idx: Uint8Array) =>
  Array.from(idx, (k) => table[k]!.id)

/** A span such as `12m` or `90d` in weeks. */
export function spanWeeks(span: string): number {
  const m = /^(\d+)([dwmy])$/.exec(span)!
  const n = Number(m[1])
  const days = { d: 1, w: 7, m: 30.4375, y: 365.25 }[m[2] as 'd' | 'w' | 'm' | 'y']
  return (n * days) / 7
}

/** Fit and predictions of each BTYD model a policy may name. */
export const PREDICT = {
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

/** Above this many distinct rows, the fit data are put on a coarser grid (see `binned`). */
export const BIN_ABOVE = 20_000

/**
 * Large stores are fitted on a grid: t_x and T to whole weeks (t_x at least one week when
 * x > 0, never past T) and mean spend to three significant digits. It bounds the distinct
 * rows (and so the fit time) by the grid, not by the customers; the error is at most half a
 * week of recency and 0.5 % of spend.
 */
export function binned(x: Float64Array, tx: Float64Array, T: Float64Array, zbar: Float64Array) {
  const Tb = T.map((t) => Math.max(1, Math.round(t)))
  const txb = tx.map((t, i) => (x[i]! > 0 ? Math.min(Tb[i]!, Math.max(1, Math.round(t))) : 0))
  const zb = zbar.map((z) => (z > 0 ? Number(z.toPrecision(3)) : z))
  return { tx: txb, T: Tb, zbar: zb }
}

type ClvConfig = NonNullable<Policy['models']['clv']>

/**
 * The policy's BTYD model fitted to distinct (x, t_x, T) rows with their weights, and each
 * row's predictions: P(alive), expected purchases over the horizon, P(no purchase) over the
 * churn horizon, and the discounted expected purchases (CLV with a spend of one).
 */
export function recencyPredictions(data: CustomerSummary, cfg: ClvConfig, warnings: string[]) {
  const m = PREDICT[cfg.model]
  const rows = data.x.length
  // Several starts guard small data against a poor local optimum; large data are well behaved.
  const fit = m.fit(data, { starts: rows > BIN_ABOVE / 4 ? 1 : undefined })
  if (!fit.converged)
    warnings.push(
      `the ${cfg.model} fit did not converge (${fit.status}); CLV figures are uncertain`,
    )
  const params = fit.params as never
  const horizon = spanWeeks(cfg.horizon)
  const months = Math.max(1, Math.round(horizon / (WEEKS_PER_YEAR / 12)))
  return {
    fit,
    alive: m.alive(params, data),
    expected: m.expected(params, data, horizon),
    none: m.none(params, data, spanWeeks(cfg.churnHorizon)),
    discounted: discountedClv({
      expectedPurchases: (t) => m.expected(params, data, t),
      spend: new Float64Array(rows).fill(1),
      intervals: months,
      intervalLength: horizon / months,
      annualDiscountRate: cfg.annualDiscountRate,
      unitsPerYear: WEEKS_PER_YEAR,
    }).total,
  }
}

/**
 * Gamma-Gamma fitted to distinct (x, mean spend) rows, and each row's expected spend; with
 * q ≤ 1 one-time buyers get the observed mean repeat spend instead (see below).
 */
export function spendPredictions(
  spendData: { x: Float64Array; zbar: Float64Array; weight: Float64Array },
  warnings: string[],
) {
  const gg = fitGammaGamma(spendData, {
    starts: spendData.x.length > BIN_ABOVE / 4 ? 1 : undefined,
  })
  // With q ≤ 1 the model's population mean is replaced below, so its own note about it would mislead.
  for (const w of gg.warnings)
    if (gg.params.q > 1 || !/population mean/.test(w.message)) warnings.push(w.message)
  const spend = gammaGammaExpectedSpend(gg.params, spendData)
  // With q ≤ 1 the model's population mean spend p·γ/(q − 1) does not exist, and the formula
  // turns negative for customers without repeat purchases: use the observed mean instead.
  if (gg.params.q <= 1) {
    let sum = 0
    let count = 0
    for (let k = 0; k < spendData.x.length; k++) {
      if (spendData.x[k]! > 0 && spendData.zbar[k]! > 0) {
        sum += spendData.zbar[k]! * spendData.weight[k]!
        count += spendData.weight[k]!
      }
    }
    const mean = count > 0 ? sum / count : 0
    for (let k = 0; k < spend.length; k++) if (!(spend[k]! > 0)) spend[k] = mean
    warnings.push(
      `the spend model's q is ${gg.params.q.toFixed(2)} (≤ 1: spend is heavy-tailed), so one-time buyers get the observed mean repeat spend (${mean.toFixed(2)})`,
    )
  }
  return { gg, spend }
}

function btydFeatures(f: Frame, policy: Policy, warnings: string[]): ModelDiagnostics['clv'] {
  const cfg = policy.models.clv!
  const [x, tx0, T0, zbar0] = ['btyd_x', 'btyd_tx', 'btyd_T', 'btyd_zbar'].map((c) =>
    num(f, c),
  ) as [Float64Array, Float64Array, Float64Array, Float64Array]
  const observed = (i: number) => T0[i]! > 0
  let tx = tx0
  let T = T0
  let zbar = zbar0
  let rec = distinctRows([x, tx, T], observed)
  const grid = rec.first.length > BIN_ABOVE
  if (grid) {
    ;({ tx, T, zbar } = binned(x, tx0, T0, zbar0))
    rec = distinctRows([x, tx, T], observed)
  }
  if (rec.first.length === 0) {
    warnings.push(
      'no customer has a purchase history long enough for the CLV model; CLV columns are empty',
    )
    return undefined
  }
  const spendRows = distinctRows([x, zbar], observed)
  const data: CustomerSummary = {
    x: gather(x, rec.first),
    tx: gather(tx, rec.first),
    T: gather(T, rec.first),
    weight: rec.count,
  }
  const r = recencyPredictions(data, cfg, warnings)
  const spendData = {
    x: gather(x, spendRows.first),
    zbar: gather(zbar, spendRows.first),
    weight: spendRows.count,
  }
  const { gg, spend } = spendPredictions(spendData, warnings)
  const { fit, alive, expected, none, discounted } = r
  const byRecency = (a: Float64Array) => gather(a, rec.index)
  const bySpend = gather(spend, spendRows.index)
  f.numbers.set('p_alive', byRecency(alive))
  f.numbers.set('expected_purchases', byRecency(expected))
  f.numbers.set('churn_risk', byRecency(none))
  f.numbers.set('expected_spend', bySpend)
  const clv = byRecency(discounted)
  for (let i = 0; i < clv.length; i++) clv[i]! *= bySpend[i]!
  f.numbers.set('clv', clv)
  return {
    model: cfg.model,
    params: fit.params as unknown as Record<string, number>,
    spend: gg.params as unknown as Record<string, number>,
    converged: fit.converged && gg.converged,
    customers: fit.customers,
    distinctRows: rec.first.length,
    spendRows: spendRows.first.length,
    grid,
    logLikelihood: fit.logLikelihood,
  }
}

type RfmConfig = NonNullable<Policy['models']['rfm']>

/**
 * RFM scores, eight classes and segments over the customers who have bought; the others
 * (on file, no purchase yet) score 1 on R, F and M, the lowest class and the lowest segment.
 */
function rfmFeatures(f: Frame, cfg: RfmConfig, warnings: string[]): ModelDiagnostics['rfm'] {
  const buyers = present(num(f, 'recency_days'))
  const sub = (a: Float64Array) => orZero(gather(a, buyers))
  const input = {
    recency: sub(num(f, 'recency_days')),
    frequency: sub(num(f, 'frequency')),
    monetary: sub(num(f, 'monetary')),
  }
  const r = new Float64Array(f.n).fill(1)
  const fs = new Float64Array(f.n).fill(1)
  const m = new Float64Array(f.n).fill(1)
  const fm = new Float64Array(f.n).fill(1)
  const classes = new Uint8Array(f.n).fill(RFM_CN8_CLASSES.length - 1)
  const segments = new Uint8Array(f.n).fill(RFM_SEGMENTS.findIndex((x) => x.id === 'lost'))
  let diagnostics: ModelDiagnostics['rfm']
  if (buyers.length > 0) {
    const s = rfmScores(input, { bins: cfg.bins })
    for (const w of s.warnings) warnings.push(w.message)
    const eight = rfmEightClasses(input, { center: cfg.center })
    const seg = rfmSegments(s.r, s.fm).segments
    buyers.forEach((i, k) => {
      r[i] = s.r[k]!
      fs[i] = s.f[k]!
      m[i] = s.m[k]!
      fm[i] = s.fm[k]!
      classes[i] = eight.classes[k]!
      segments[i] = seg[k]!
    })
    diagnostics = {
      cuts: { recency: s.recency.cuts, frequency: s.frequency.cuts, monetary: s.monetary.cuts },
      thresholds: eight.thresholds,
    }
  }
  const high = (key: 'r' | 'f' | 'm') => {
    const byClass = RFM_CN8_CLASSES.map((c) => (c[key] === 'high' ? 1 : 0))
    return gather(Float64Array.from(byClass), classes)
  }
  f.numbers.set('r_score', r)
  f.numbers.set('f_score', fs)
  f.numbers.set('m_score', m)
  f.numbers.set('fm_score', fm)
  f.texts.set('rfm_class', ids(RFM_CN8_CLASSES, classes))
  f.texts.set('rfm_segment', ids(RFM_SEGMENTS, segments))
  f.numbers.set('r_high', high('r'))
  f.numbers.set('f_high', high('f'))
  f.numbers.set('m_high', high('m'))
  return diagnostics
}

/** Adds the policy's model outputs to `f` and returns what the models reported. */
export function addModelFeatures(f: Frame, policy: Policy): ModelDiagnostics {
  const warnings: string[] = []
  const out: { -readonly [K in keyof ModelDiagnostics]: ModelDiagnostics[K] } = { warnings }
  const models = policy.models
  if (models.clv) out.clv = btydFeatures(f, policy, warnings)
  if (models.rfm && f.n > 0) out.rfm = rfmFeatures(f, models.rfm, warnings)
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
    // Customers who have not bought yet have no lifecycle state.
    const tenure = num(f, 'days_since_first_purchase')
    const buyers = present(tenure)
    const states: (string | null)[] = new Array<string | null>(f.n).fill(null)
    if (buyers.length > 0) {
      const sub = (name: string) => gather(num(f, name), buyers)
      const l = lifecycleStates(
        {
          daysSinceFirst: sub('days_since_first_purchase'),
          daysSinceLast: sub('recency_days'),
          purchaseDays: sub('purchase_days_total'),
          lastGap: sub('last_gap_days'),
        },
        models.lifecycle.newWithinDays === undefined
          ? {}
          : { recentWindow: models.lifecycle.newWithinDays },
      )
      buyers.forEach((i, k) => (states[i] = LIFECYCLE_STATES[l.states[k]!]!.id))
    }
    f.texts.set('lifecycle', states)
  }
  if (models.scorecard && f.n > 0) {
    const sc = models.scorecard
    const result = scorecard(
      sc.indicators.map((name) => ({
        name,
        values: missingAsWorst(num(f, name), directionOf(name)),
        direction: directionOf(name),
      })),
      { method: sc.normalise, weights: weightSpec(sc) },
    )
    f.numbers.set('score', result.scores)
    out.scorecard = scorecardDiagnostics(sc, result, warnings)
  }
  return out
}

type ScorecardConfig = NonNullable<Policy['models']['scorecard']>

/** The weights a policy's scorecard names: hand weights, an AHP matrix, or the entropy method. */
export function weightSpec(sc: ScorecardConfig): WeightSpec {
  const w = sc.weights
  if (w === 'entropy') return { kind: 'entropy' }
  return Array.isArray(w) ? w : { kind: 'ahp', matrix: w.ahp }
}

/** The scorecard's weights by indicator and AHP consistency; its warnings go to `warnings`. */
export function scorecardDiagnostics(
  sc: ScorecardConfig,
  result: ScorecardWeights,
  warnings: string[],
): NonNullable<ModelDiagnostics['scorecard']> {
  for (const x of result.warnings) warnings.push(x.message)
  if (result.ahp && !result.ahp.consistent) {
    warnings.push(
      `the AHP comparisons are inconsistent (CR ${result.ahp.cr.toFixed(3)} ≥ 0.1); revise the pairwise judgements`,
    )
  }
  return {
    weights: Object.fromEntries(sc.indicators.map((n, j) => [n, result.weights[j]!])),
    consistencyRatio: result.ahp?.cr,
  }
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
    const ranks = percentileRanks(gather(c, present(c)))
    const out = new Float64Array(f.n).fill(NaN)
    let k = 0
    for (let i = 0; i < f.n; i++) if (!Number.isNaN(c[i]!)) out[i] = ranks[k++]!
    f.numbers.set(`${name}_pct`, out)
  }
}
