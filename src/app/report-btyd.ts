/**
 * The report's model check: BG/NBD fitted on the first two thirds of the order history and
 * compared week by week with the last third (Fader, Hardie & Lee 2005, fig. 2). Only sufficient
 * statistics leave the engine: distinct (x, t_x, T) rows for the fit, distinct (x, t_x, T,
 * holdout x) rows for the per-customer errors, repeat purchases per week, and customers per
 * first-purchase day for the cohort forecast.
 */
import type { Engine } from '../engine/index.js'
import {
  PURCHASE,
  addDays,
  compileBtydSummary,
  holdoutSufficient,
  recencySufficient,
} from '../indicators/index.js'
import {
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNew,
  cohortCumulativeForecast,
  fitBgNbd,
  holdoutAccuracy,
} from '../models/index.js'
import type { Bilingual, BtydFitData, ReportFit } from '../report/index.js'

/** Fewer weeks of history than this leave too little to calibrate on and to hold out. */
const MIN_WEEKS = 9

export interface BtydCheck {
  readonly chart?: BtydFitData
  readonly fit?: ReportFit
  readonly note?: Bilingual
}

const f64 = (v: ArrayLike<unknown> | undefined) => Float64Array.from(v ?? [], Number)

/** Fits BG/NBD on the orders before `asOf` with a calibration end about two thirds through them. */
export async function btydCheck(engine: Engine, asOf: string): Promise<BtydCheck> {
  const d = engine.dialect
  const [range] = await engine.all(
    `SELECT CAST(min(date) AS VARCHAR) AS lo, CAST(max(date) AS VARCHAR) AS hi, ${d.daysBetween('min(date)', 'max(date)')} AS span
     FROM transactions WHERE ${PURCHASE} AND date < ${d.dateLiteral(asOf)}`,
  )
  const span = Number(range?.span ?? 0)
  const weeks = Math.ceil((span + 1) / 7)
  if (range?.lo === null || range?.lo === undefined || weeks < MIN_WEEKS) {
    return {
      note: {
        zh: `订单历史只有 ${weeks} 周，不足以划分校准期和验证期（至少 ${MIN_WEEKS} 周）。`,
        en: `The order history spans ${weeks} weeks, too few to split into calibration and holdout (at least ${MIN_WEEKS}).`,
      },
    }
  }
  const lo = String(range.lo)
  const hi = String(range.hi)
  const calibrationWeeks = Math.round((weeks * 2) / 3)
  const cal = addDays(lo, 7 * calibrationWeeks - 1)
  const summary = compileBtydSummary(d, {
    calibrationEnd: cal,
    holdoutEnd: addDays(hi, 1),
    unit: 'week',
  })
  const s = await recencySufficient(engine, summary)
  if (s.x.length === 0)
    return { note: { zh: '校准期内没有客户。', en: 'No customers in the calibration period.' } }
  const fit = fitBgNbd(s, { unit: 'week' })
  const h = await holdoutSufficient(engine, summary)
  // the holdout runs from the day after the calibration end to the last order day, inclusive
  const holdoutWeeks = (span + 1 - 7 * calibrationWeeks) / 7
  const accuracy = holdoutAccuracy(
    bgNbdExpectedPurchases(fit.params, h, holdoutWeeks),
    h.holdoutX,
    h.weight,
  )

  // The cohort the model was fitted to: customers whose first purchase precedes the calibration end.
  const days = `SELECT customer_id, date FROM transactions WHERE ${PURCHASE} AND date <= ${d.dateLiteral(hi)} GROUP BY customer_id, date`
  const first = `SELECT customer_id, min(date) AS first_day FROM (${days}) AS p GROUP BY customer_id HAVING min(date) < ${d.dateLiteral(cal)}`
  const perWeek = await engine.columns(
    `SELECT floor(${d.daysBetween(d.dateLiteral(lo), 'p.date')} / 7) AS week, count(*) AS n
     FROM (${days}) AS p JOIN (${first}) AS f ON f.customer_id = p.customer_id
     WHERE p.date > f.first_day GROUP BY week ORDER BY week`,
  )
  const acquired = await engine.columns(
    `SELECT ${d.daysBetween(d.dateLiteral(lo), 'first_day')} / 7.0 AS acq, count(*) AS n FROM (${first}) AS f GROUP BY acq ORDER BY acq`,
  )
  const counts = new Float64Array(weeks)
  const n = f64(perWeek.n)
  f64(perWeek.week).forEach((w, i) => (counts[w] = (counts[w] ?? 0) + (n[i] ?? 0)))
  const actual: number[] = []
  counts.reduce((sum, c) => (actual.push(sum + c), sum + c), 0)
  const times = Float64Array.from({ length: weeks }, (_, i) => Math.min(i + 1, (span + 1) / 7))
  const predicted = cohortCumulativeForecast(
    (t) => bgNbdExpectedPurchasesNew(fit.params, t),
    f64(acquired.acq),
    f64(acquired.n),
    times,
  )
  return {
    chart: {
      weeks: Array.from(times, (_, i) => i + 1),
      actual,
      predicted: Array.from(predicted),
      calibrationEnd: calibrationWeeks,
      unit: 'cumulative',
    },
    fit: {
      start: lo,
      calibrationEnd: cal,
      holdoutStart: addDays(cal, 1),
      end: hi,
      customers: fit.customers,
      distinctRows: s.x.length,
      params: { ...fit.params },
      logLikelihood: fit.logLikelihood,
      converged: fit.converged,
      holdout: {
        actual: accuracy.actualTotal,
        predicted: accuracy.predictedTotal,
        mae: accuracy.mae,
        rmse: accuracy.rmse,
      },
    },
  }
}
