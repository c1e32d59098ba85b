/**
 * The `customer_tiers` view: per customer, the tier at its latest snapshot, the tier before
 * its last change and the as-of date of that change, over the snapshots of the policy of
 * the latest snapshot (tiers of different policies are not comparable). A view, so it
 * follows new and forgotten snapshots without being rewritten.
 */
import type { Engine } from '../engine/index.js'
import { CUSTOMER_TIERS_VIEW, SNAPSHOTS_TABLE, SNAPSHOT_CUSTOMERS_TABLE } from './tables.js'

/** Creates or replaces the view; the snapshot tables must exist. */
export async function ensureCustomerTiersView(engine: Engine): Promise<void> {
  const d = engine.dialect
  const changed = `CASE WHEN before <> tier THEN k END`
  await engine.run(
    `CREATE OR REPLACE VIEW ${CUSTOMER_TIERS_VIEW} AS
     SELECT customer_id,
       ${d.argMax('tier', 'k')} AS tier,
       ${d.argMax('before', changed)} AS previous_tier,
       ${d.argMax('as_of', changed)} AS changed_on,
       min(as_of) AS first_seen,
       max(as_of) AS as_of,
       ${d.argMax('snapshot_id', 'k')} AS snapshot_id
     FROM (
       SELECT *, lag(tier) OVER (PARTITION BY customer_id ORDER BY k) AS before FROM (
         SELECT c.customer_id, c.tier, n.as_of, n.snapshot_id,
           dense_rank() OVER (ORDER BY n.as_of, n.snapshot_id) AS k
         FROM ${SNAPSHOT_CUSTOMERS_TABLE} c JOIN ${SNAPSHOTS_TABLE} n ON n.snapshot_id = c.snapshot_id
         WHERE n.policy_id = (SELECT policy_id FROM ${SNAPSHOTS_TABLE} ORDER BY as_of DESC, snapshot_id DESC LIMIT 1)
       ) AS s
     ) AS o
     GROUP BY customer_id`,
  )
}
