/**
 * Lifecycle states in the cluster, equal to `lifecycleStates` on the DuckDB path (see
 * `addModelFeatures`). The one figure taken over all customers, the typical interval (the
 * median of the repeat buyers' mean intervals), is computed in SQL and comes to Node, where
 * the model's own `lifecycleOptions` resolves the thresholds; they go back as exact
 * constants and each customer's state is one expression in SQL. The inputs are whole days,
 * so every interval and ratio is the same double on both paths. Customers who have not
 * bought have no state (NULL), as on the DuckDB path.
 */
import { floatLiteral } from '../engine/index.js'
import { lifecycleOptions } from '../models/index.js'
import type { Policy } from '../tiering/index.js'
import type { ClusterRun } from './cluster-run.js'

type LifecycleConfig = NonNullable<Policy['models']['lifecycle']>

/** Each customer of `base` with its lifecycle inputs as doubles (0 where missing). */
const inputs = (base: string) => `SELECT customer_id,
    isNotNull(days_since_first_purchase) AS buyer_,
    toFloat64(assumeNotNull(days_since_first_purchase)) AS first_,
    toFloat64(assumeNotNull(recency_days)) AS last_,
    toFloat64(assumeNotNull(purchase_days_total)) AS k_,
    toFloat64(assumeNotNull(last_gap_days)) AS gap_
  FROM ${base}`

/** The median mean interval of the buyers with two or more purchase days; NaN when none has. */
async function typicalInterval(run: ClusterRun, base: string): Promise<number> {
  const [r] = (await run.engine.all(
    `SELECT length(s) AS n, if(n % 2 = 1, s[intDiv(n, 2) + 1], (s[intDiv(n, 2)] + s[intDiv(n, 2) + 1]) / 2) AS m
     FROM (SELECT arraySort(groupArray((first_ - last_) / (k_ - 1))) AS s
       FROM (${inputs(base)}) WHERE buyer_ = 1 AND k_ >= 2)`,
  )) as [{ n: number; m: number }]
  return r.n === 0 ? NaN : r.m
}

/** The state of every customer, from the thresholds `lifecycleOptions` resolves. */
async function states(run: ClusterRun, base: string, cfg: LifecycleConfig): Promise<string> {
  const typical = await typicalInterval(run, base)
  const o = lifecycleOptions(
    cfg.newWithinDays === undefined ? {} : { recentWindow: cfg.newWithinDays },
    () => typical,
  )
  const c = (v: number) => floatLiteral(run.engine.dialect, v)
  const [recent, dormant, churned] = [o.recentWindow, o.dormantAfter, o.churnedAfter].map(c)
  const interval = (own: string) =>
    `greatest(if(${own}, ${c(o.fallbackInterval)}), ${c(o.minInterval)})`
  return `SELECT customer_id, if(buyer_ = 0, NULL, multiIf(first_ <= ${recent}, 'new',
      k_ >= 2 AND last_ <= ${recent} AND gap_ > ${churned} * before_, 'reactivated',
      last_ / expected_ <= ${dormant}, 'active', last_ / expected_ <= ${churned}, 'dormant',
      'churned')) AS lifecycle
    FROM (SELECT customer_id, buyer_, first_, last_, k_, gap_,
      ${interval('k_ >= 2, (first_ - last_) / (k_ - 1)')} AS expected_,
      ${interval('k_ >= 3, (first_ - last_ - gap_) / (k_ - 2)')} AS before_
    FROM (${inputs(base)}))`
}

/** The working table of every customer's `lifecycle` state. */
export async function clusterLifecycle(
  run: ClusterRun,
  base: string,
  cfg: LifecycleConfig,
): Promise<string> {
  const [{ buyers }] = (await run.engine.all(
    `SELECT count() AS buyers FROM ${base} WHERE days_since_first_purchase IS NOT NULL`,
  )) as [{ buyers: number }]
  return run.create(
    'lifecycle',
    'customer_id',
    buyers > 0
      ? await states(run, base, cfg)
      : `SELECT customer_id, CAST(NULL AS Nullable(String)) AS lifecycle FROM ${base}`,
  )
}
