/**
 * The needs analysis's inputs on a ClickHouse store, computed in the cluster as
 * `needs-inputs.ts` computes them on DuckDB: the KANO answers of each tier's respondents,
 * counted per (feature, answers, tier) so that only the counts come to Node and are
 * classified there (`kanoOfCounts`); and per customer the categories that at least 2/5 of
 * its tier bought and it did not, as a working table joined to the customers in the cluster.
 * 18.16 has no correlated subqueries: "did not buy" is a LEFT JOIN whose marker stays NULL.
 */
import { PURCHASE } from '../indicators/index.js'
import type { KanoFeature } from '../tiering/index.js'
import type { ClusterRun } from './cluster-run.js'
import { PEER_SHARE, kanoOfCounts, type KanoCount } from './needs-inputs.js'

/** Per tier index, each surveyed feature's KANO category; empty when the store has no surveys. */
export async function clusterKano(
  run: ClusterRun,
  tiered: string,
  asOf: string,
): Promise<Map<number, KanoFeature[]>> {
  const e = run.engine
  if (!(await e.tableExists('surveys'))) return new Map()
  const rows = await e.all<KanoCount>(
    `SELECT feature, functional, dysfunctional, tier_index AS tier, count() AS n
     FROM (SELECT customer_id, feature, functional, dysfunctional FROM surveys
       WHERE date IS NULL OR date < ${e.dialect.dateLiteral(asOf)}) AS s
     ALL INNER JOIN (SELECT customer_id, tier_index FROM ${tiered}) AS r USING (customer_id)
     GROUP BY feature, functional, dysfunctional, tier`,
  )
  return kanoOfCounts(rows)
}

/**
 * The working table `peers` of (customer_id, peer_categories): the categories popular in the
 * customer's tier that it has not bought, sorted and joined by `separator`; customers missing
 * from it have none.
 */
export async function clusterPeers(
  run: ClusterRun,
  tiered: string,
  asOf: string,
  separator: string,
): Promise<string> {
  const e = run.engine
  const d = e.dialect
  const tiers = `(SELECT customer_id, tier_index FROM ${tiered})`
  const bought = await run.create(
    'bought',
    'customer_id',
    `SELECT DISTINCT customer_id, assumeNotNull(category) AS category FROM ${d.quoteIdentifier(e.ordersTable)}
     WHERE ${PURCHASE} AND category IS NOT NULL AND date < ${d.dateLiteral(asOf)}`,
  )
  const popular = await run.create(
    'popular',
    'tuple()',
    `SELECT tier_index, category FROM (
       SELECT tier_index, category, count() AS buyers FROM ${bought} ALL INNER JOIN ${tiers} AS t USING (customer_id)
       GROUP BY tier_index, category
     ) ALL INNER JOIN (SELECT tier_index, count() AS n FROM ${tiered} GROUP BY tier_index) AS s USING (tier_index)
     WHERE buyers * ${PEER_SHARE.of} >= ${PEER_SHARE.buyers} * n`,
  )
  const candidates = `SELECT customer_id, category FROM ${tiers} AS t ALL INNER JOIN ${popular} USING (tier_index)`
  return run.create(
    'peers',
    'customer_id',
    `SELECT customer_id, arrayStringConcat(arraySort(groupArray(category)), ${d.quoteString(separator)}) AS peer_categories
     FROM (SELECT customer_id, category, got FROM (${candidates}) AS c
       ALL LEFT JOIN (SELECT customer_id, category, toUInt8(1) AS got FROM ${bought}) AS b USING (customer_id, category))
     WHERE isNull(got) GROUP BY customer_id`,
  )
}
