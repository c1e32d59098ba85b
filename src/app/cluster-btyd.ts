/**
 * The CLV model of a policy on a ClickHouse store. The BTYD summary of every customer is a
 * table in the cluster; only its distinct (x, t_x, T) and (x, mean spend) rows come to
 * Node, each with its count and its first customer id (in id order, as the DuckDB path
 * meets them), where the model is fitted and each row's predictions are computed once
 * (`recencyPredictions`, `spendPredictions`: the DuckDB path's own functions). The
 * predictions go back as small tables keyed by that first customer id and are joined to
 * every customer in the cluster, so the summary floats never leave it.
 */
import { exactFloat } from '../engine/index.js'
import { addDays, compileBtydSummary } from '../indicators/index.js'
import type { CustomerSummary } from '../models/index.js'
import {
  BIN_ABOVE,
  recencyPredictions,
  spendPredictions,
  type ModelDiagnostics,
  type Policy,
} from '../tiering/index.js'
import type { ClusterRun } from './cluster-run.js'

const f64 = (v: unknown): Float64Array =>
  v instanceof Float64Array ? v : Float64Array.from(v as number[])

/**
 * The grid of `binned` (tiering/features.ts) in SQL: t_x and T to whole weeks, mean spend to
 * three significant digits with halves rounded up, as `Number.prototype.toPrecision` does.
 * A spend within one rounding error of a half-way point may land one step apart from
 * TypeScript's; only stores with more than 20,000 distinct rows use the grid.
 */
const GRID = {
  ft: 'greatest(1, floor("T" + 0.5))',
  ftx: 'if(x > 0, least(greatest(1, floor("T" + 0.5)), greatest(1, floor(t_x + 0.5))), 0)',
  fz: `if(zbar > 0, if(floor(log10(zbar)) <= 2,
      floor(zbar * pow(10, 2 - floor(log10(zbar))) + 0.5) / pow(10, 2 - floor(log10(zbar))),
      floor(zbar / pow(10, floor(log10(zbar)) - 2) + 0.5) * pow(10, floor(log10(zbar)) - 2)), zbar)`,
}

export interface ClusterClv {
  /** The working table of predictions per customer, or undefined when no one qualifies. */
  readonly table: string | undefined
  readonly diagnostics: ModelDiagnostics['clv']
}

/** Fits the policy's CLV model on the cluster's summary and joins the predictions to customers. */
export async function clusterClv(
  run: ClusterRun,
  policy: Policy,
  asOf: string,
  ordersTable: string,
  warnings: string[],
): Promise<ClusterClv> {
  const cfg = policy.models.clv!
  const e = run.engine
  const summary = compileBtydSummary(e.dialect, {
    calibrationEnd: addDays(asOf, -1),
    unit: 'week',
    ordersTable,
  })
  const btyd = await run.create(
    'btyd',
    'customer_id',
    `SELECT customer_id, x, t_x, "T", zbar FROM (${summary.sql}) AS s WHERE "T" > 0`,
  )
  const [{ rows }] = (await e.all(
    `SELECT count() AS rows FROM (SELECT x, t_x, "T" FROM ${btyd} GROUP BY x, t_x, "T")`,
  )) as [{ rows: number }]
  if (rows === 0) {
    warnings.push(
      'no customer has a purchase history long enough for the CLV model; CLV columns are empty',
    )
    return { table: undefined, diagnostics: undefined }
  }
  const grid = rows > BIN_ABOVE
  const keyed = await run.create(
    'btydk',
    'customer_id',
    grid
      ? `SELECT customer_id, x, ${GRID.ftx} AS ftx, ${GRID.ft} AS ft, ${GRID.fz} AS fz FROM ${btyd}`
      : `SELECT customer_id, x, t_x AS ftx, "T" AS ft, zbar AS fz FROM ${btyd}`,
  )
  const rec = await run.create(
    'rec',
    'k',
    `SELECT min(customer_id) AS k, x, ftx, ft, count() AS n FROM ${keyed} GROUP BY x, ftx, ft`,
  )
  const r = await e.columns(`SELECT k, x, ftx, ft, n FROM ${rec} ORDER BY k`)
  const data: CustomerSummary = { x: f64(r.x), tx: f64(r.ftx), T: f64(r.ft), weight: f64(r.n) }
  const p = recencyPredictions(data, cfg, warnings)
  const recUp = await run.upload('recp', [
    ['k', r.k as string[]],
    ['pa', p.alive],
    ['ep', p.expected],
    ['cr', p.none],
    ['cu', p.discounted],
  ])
  const sp = await run.create(
    'sp',
    'k',
    `SELECT min(customer_id) AS k, x, fz, count() AS n FROM ${keyed} GROUP BY x, fz`,
  )
  const s = await e.columns(`SELECT k, x, fz, n FROM ${sp} ORDER BY k`)
  const spendData = { x: f64(s.x), zbar: f64(s.fz), weight: f64(s.n) }
  const { gg, spend } = spendPredictions(spendData, warnings)
  const spUp = await run.upload('spp', [
    ['k', s.k as string[]],
    ['es', spend],
  ])
  const recJoined = `SELECT x, ftx, ft, ${exactFloat('pa')} AS p_alive, ${exactFloat('ep')} AS expected_purchases,
      ${exactFloat('cr')} AS churn_risk, ${exactFloat('cu')} AS clv_unit FROM ${rec} ALL INNER JOIN ${recUp} USING (k)`
  const spJoined = `SELECT x, fz, ${exactFloat('es')} AS expected_spend FROM ${sp} ALL INNER JOIN ${spUp} USING (k)`
  const perCustomer = `SELECT customer_id, x, fz, p_alive, expected_purchases, churn_risk, clv_unit
    FROM ${keyed} ALL LEFT JOIN (${recJoined}) AS r USING (x, ftx, ft)`
  const table = await run.create(
    'pred',
    'customer_id',
    `SELECT customer_id, p_alive, expected_purchases, churn_risk, expected_spend, clv_unit * expected_spend AS clv
     FROM (${perCustomer}) ALL LEFT JOIN (${spJoined}) AS r USING (x, fz)`,
  )
  return {
    table,
    diagnostics: {
      model: cfg.model,
      params: p.fit.params as unknown as Record<string, number>,
      spend: gg.params as unknown as Record<string, number>,
      converged: p.fit.converged && gg.converged,
      customers: p.fit.customers,
      distinctRows: data.x.length,
      spendRows: spendData.x.length,
      grid,
      logLikelihood: p.fit.logLikelihood,
    },
  }
}
