/**
 * CLV for the report when the policy has no CLV model, estimated as a policy's would be
 * (BG/NBD and Gamma-Gamma in weeks, 12 months, 10 % a year): discounted expected purchases are
 * computed once per distinct (x, t_x, T) row and expected spend once per distinct (x, zbar)
 * row, written back to the engine and joined there into one CLV per customer.
 */
import type { Engine } from '../engine/index.js'
import {
  addDays,
  compileBtydSummary,
  recencySufficient,
  spendSufficient,
} from '../indicators/index.js'
import {
  bgNbdExpectedPurchases,
  discountedClv,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaExpectedSpend,
} from '../models/index.js'
import type { ReportModel } from '../report/index.js'

/** A temporary table of (customer_id, clv) the report joins to the analysis. */
export const REPORT_CLV_TABLE = 'clientele_report_clv'

const SUMMARY = 'clientele_report_btyd'
const WEEKS_PER_YEAR = 365.25 / 7
const MONTH_WEEKS = 30.4375 / 7

/** Builds {@link REPORT_CLV_TABLE} from the orders before `asOf`; resolves to the models' description. */
export async function reportClv(engine: Engine, asOf: string): Promise<ReportModel> {
  const q = compileBtydSummary(engine.dialect, { calibrationEnd: addDays(asOf, -1), unit: 'week' })
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${SUMMARY} AS SELECT customer_id, x, t_x, "T", zbar FROM (${q.sql}) AS s WHERE "T" > 0`,
    q.params,
  )
  const from = { sql: `SELECT * FROM ${SUMMARY}` }
  const s = await recencySufficient(engine, from)
  const fit = fitBgNbd(s, { unit: 'week' })
  const purchases = discountedClv({
    expectedPurchases: (t) => bgNbdExpectedPurchases(fit.params, s, t),
    spend: new Float64Array(s.x.length).fill(1),
    intervals: 12,
    intervalLength: MONTH_WEEKS,
    annualDiscountRate: 0.1,
    unitsPerYear: WEEKS_PER_YEAR,
  }).total
  const m = await spendSufficient(engine, from)
  const gg = fitGammaGamma(m)
  const spend = gammaGammaExpectedSpend(gg.params, m)
  // As in the tiering: with q ≤ 1 the model's mean spend does not exist, so rows it cannot
  // price take the observed mean repeat spend.
  if (gg.params.q <= 1) {
    let sum = 0
    let count = 0
    m.x.forEach((x, k) => {
      if (x > 0 && m.zbar[k]! > 0) {
        sum += m.zbar[k]! * m.weight[k]!
        count += m.weight[k]!
      }
    })
    spend.forEach((v, k) => {
      if (!(v > 0)) spend[k] = count > 0 ? sum / count : 0
    })
  }
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${SUMMARY}_p (x DOUBLE, t_x DOUBLE, "T" DOUBLE, p DOUBLE)`,
  )
  await engine.insertColumns(`${SUMMARY}_p`, [s.x, s.tx, s.T, purchases])
  await engine.run(`CREATE OR REPLACE TEMP TABLE ${SUMMARY}_s (x DOUBLE, zbar DOUBLE, s DOUBLE)`)
  await engine.insertColumns(`${SUMMARY}_s`, [m.x, m.zbar, spend])
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${REPORT_CLV_TABLE} AS
     SELECT b.customer_id, p.p * s.s AS clv FROM ${SUMMARY} b
     JOIN ${SUMMARY}_p p ON p.x = b.x AND p.t_x = b.t_x AND p."T" = b."T"
     JOIN ${SUMMARY}_s s ON s.x = b.x AND s.zbar = b.zbar`,
  )
  for (const t of [SUMMARY, `${SUMMARY}_p`, `${SUMMARY}_s`]) await engine.run(`DROP TABLE ${t}`)
  return {
    name: {
      zh: '报告估算的 CLV（BG/NBD + Gamma-Gamma）',
      en: 'CLV estimated for the report (BG/NBD + Gamma-Gamma)',
    },
    detail: {
      zh: `分级方案没有 CLV 模型，报告按同样方法估算未来 12 个月的折现客户终身价值（年折现率 10%），用于价值地图和渠道分析；拟合了 ${s.x.length.toLocaleString('en-US')} 个不同摘要行${fit.converged && gg.converged ? '' : '，拟合未完全收敛'}。`,
      en: `The policy has no CLV model, so the report estimates the discounted 12-month CLV (10% a year) the same way, for the value map and the channels; fitted on ${s.x.length.toLocaleString('en-US')} distinct summary rows${fit.converged && gg.converged ? '' : ', not fully converged'}.`,
    },
    params: { ...fit.params, p: gg.params.p, q: gg.params.q, gamma: gg.params.gamma },
  }
}
