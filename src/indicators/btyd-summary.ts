/**
 * The buy-till-you-die summary of each customer over a calibration period, and its
 * sufficient statistics (SPEC §3; Fader, Hardie & Lee 2005 notation):
 * - x: repeat purchases = distinct purchase days − 1 in the calibration period;
 * - t_x: time from the first to the last purchase day; T: from the first purchase day to
 *   the calibration end (inclusive bound), both in the chosen unit (day, week = 7 days,
 *   month = 30.4375 days);
 * - zbar: mean spend of the repeat purchase days (0 when x = 0), amounts taken to 4 decimals;
 * - holdout_x: distinct purchase days after the calibration end and before the holdout end.
 * Refunds and cancelled orders are not purchases here.
 */
import type { CompiledQuery, Engine, SqlDialect } from '../engine/index.js'
import { PURCHASE } from './sources.js'

export type TimeUnit = 'day' | 'week' | 'month'
export const UNIT_DAYS: Readonly<Record<TimeUnit, number>> = { day: 1, week: 7, month: 30.4375 }

export interface BtydSummaryOptions {
  /** Last day of the calibration period (ISO, inclusive). */
  readonly calibrationEnd: string
  /** Day after the holdout period (ISO, exclusive); no holdout when undefined. */
  readonly holdoutEnd?: string
  readonly unit?: TimeUnit
  /** The orders table; default `transactions`. */
  readonly ordersTable?: string
}

export function compileBtydSummary(d: SqlDialect, o: BtydSummaryOptions): CompiledQuery {
  const unit = UNIT_DAYS[o.unit ?? 'week']
  const cal = d.dateLiteral(o.calibrationEnd)
  const orders = o.ordersTable === undefined ? 'transactions' : d.quoteIdentifier(o.ordersTable)
  // Spend is added as whole ten-thousandths, so every sum is exact and every engine gets the
  // same mean spend to the last bit (a float sum depends on the order of its terms, which
  // differs between engines and shards, and the spend model's fit magnifies that).
  const days = `SELECT customer_id, date AS day, sum(floor(amount * 10000 + 0.5)) AS spend FROM ${orders}
    WHERE ${PURCHASE} AND date <= ${cal} GROUP BY customer_id, date`
  const calibration = `SELECT customer_id,
      count(*) - 1 AS x,
      ${d.daysBetween('min(day)', 'max(day)')} / ${unit} AS t_x,
      ${d.daysBetween('min(day)', cal)} / ${unit} AS "T",
      CASE WHEN count(*) > 1 THEN (sum(spend) - ${d.argMin('spend', 'day')}) / (count(*) - 1) / 10000 ELSE 0 END AS zbar
    FROM (${days}) AS days GROUP BY customer_id`
  if (o.holdoutEnd === undefined) {
    return { sql: `SELECT *, ${d.nullOf('integer')} AS holdout_x FROM (${calibration}) AS c` }
  }
  const holdout = `SELECT customer_id, count(DISTINCT date) AS holdout_x FROM ${orders}
    WHERE ${PURCHASE} AND date > ${cal} AND date < ${d.dateLiteral(o.holdoutEnd)} GROUP BY customer_id`
  return {
    sql: `SELECT customer_id, x, t_x, "T", zbar, coalesce(holdout_x, 0) AS holdout_x
      FROM ${d.leftJoin(calibration, holdout, 'customer_id')}`,
  }
}

/** Distinct (x, t_x, T) rows with their counts, and the holdout purchases summed per row. */
export interface RecencySufficient {
  readonly x: Float64Array
  readonly tx: Float64Array
  readonly T: Float64Array
  readonly weight: Float64Array
}

/** Distinct (x, t_x, T, holdout_x) rows, for holdout accuracy per customer without per-customer objects. */
export interface HoldoutSufficient extends RecencySufficient {
  readonly holdoutX: Float64Array
}

export interface SpendSufficient {
  readonly x: Float64Array
  readonly zbar: Float64Array
  readonly weight: Float64Array
}

const f64 = (v: Float64Array | unknown[] | undefined): Float64Array =>
  v instanceof Float64Array ? v : Float64Array.from((v ?? []) as number[], Number)

/**
 * Pulls the sufficient statistics of a summary query into typed arrays. Customers first
 * seen on the calibration end (T = 0) have not been observed for any time and are left out.
 */
export async function recencySufficient(
  engine: Engine,
  summary: CompiledQuery,
): Promise<RecencySufficient> {
  const c = await engine.columns(
    `SELECT x, t_x, "T", count(*) AS n FROM (${summary.sql}) AS s WHERE "T" > 0
     GROUP BY x, t_x, "T" ORDER BY x, t_x, "T"`,
    summary.params,
  )
  return { x: f64(c.x), tx: f64(c.t_x), T: f64(c.T), weight: f64(c.n) }
}

export async function holdoutSufficient(
  engine: Engine,
  summary: CompiledQuery,
): Promise<HoldoutSufficient> {
  const c = await engine.columns(
    `SELECT x, t_x, "T", holdout_x, count(*) AS n FROM (${summary.sql}) AS s WHERE "T" > 0
     GROUP BY x, t_x, "T", holdout_x ORDER BY x, t_x, "T", holdout_x`,
    summary.params,
  )
  return { x: f64(c.x), tx: f64(c.t_x), T: f64(c.T), holdoutX: f64(c.holdout_x), weight: f64(c.n) }
}

export async function spendSufficient(
  engine: Engine,
  summary: CompiledQuery,
): Promise<SpendSufficient> {
  const c = await engine.columns(
    `SELECT x, zbar, count(*) AS n FROM (${summary.sql}) AS s GROUP BY x, zbar ORDER BY x, zbar`,
    summary.params,
  )
  return { x: f64(c.x), zbar: f64(c.zbar), weight: f64(c.n) }
}

/**
 * The discrete-time (BG/BB) summary: from each customer's first purchase, the calibration
 * period is cut into opportunities of one unit; `periods` is how many whole opportunities
 * followed the first purchase, `frequency` in how many of them the customer bought, and
 * `recency` the last such opportunity (0 when none). Rows come back with counts.
 */
export async function discreteSufficient(
  engine: Engine,
  o: BtydSummaryOptions,
): Promise<{
  frequency: Float64Array
  recency: Float64Array
  periods: Float64Array
  weight: Float64Array
}> {
  const d = engine.dialect
  const unit = UNIT_DAYS[o.unit ?? 'week']
  const cal = d.dateLiteral(o.calibrationEnd)
  const purchases = `SELECT customer_id, date FROM transactions WHERE ${PURCHASE} AND date <= ${cal}`
  const first = `SELECT customer_id, min(date) AS first_day FROM transactions WHERE ${PURCHASE} AND date <= ${cal} GROUP BY customer_id`
  const indexed = `SELECT customer_id, floor(${d.daysBetween('first_day', 'date')} / ${unit}) AS k,
      floor(${d.daysBetween('first_day', cal)} / ${unit}) AS n
    FROM ${d.leftJoin(purchases, first, 'customer_id')}`
  const perCustomer = `SELECT customer_id, max(n) AS periods,
      ${d.countDistinct('CASE WHEN k >= 1 AND k <= n THEN k END')} AS frequency,
      coalesce(max(CASE WHEN k >= 1 AND k <= n THEN k END), 0) AS recency
    FROM (${indexed}) AS i GROUP BY customer_id`
  const c = await engine.columns(
    `SELECT frequency, recency, periods, count(*) AS w FROM (${perCustomer}) AS p WHERE periods >= 1
     GROUP BY frequency, recency, periods ORDER BY periods, frequency, recency`,
  )
  return {
    frequency: f64(c.frequency),
    recency: f64(c.recency),
    periods: f64(c.periods),
    weight: f64(c.w),
  }
}
