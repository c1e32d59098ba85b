/**
 * Criteria impact (6.1 定期审查分级标准) in the cluster, equal to `criteriaImpact`: for each
 * criterion of the tier rules (`policyCriteria`), the tiers every customer would get with the
 * criterion dropped, compared with the tiers it got. All criteria are taken in one pass over
 * the tiered table: each alternative assignment reuses the `rule_<t>` columns of the other
 * tiers and compiles only the changed rule. Only counts per (criterion, new tier) come to
 * Node, each tier listed in the order its first customer (by id) appears, as in Node.
 */
import {
  compileRule,
  policyCriteria,
  type ColumnKind,
  type CriterionImpact,
  type Policy,
} from '../tiering/index.js'
import type { ClusterRun } from './cluster-run.js'
import { firstMatch } from './cluster-tiers.js'

export async function clusterImpact(
  run: ClusterRun,
  tiered: string,
  kinds: ReadonlyMap<string, ColumnKind>,
  policy: Policy,
): Promise<CriterionImpact[]> {
  const criteria = policyCriteria(policy)
  if (criteria.length === 0) return []
  const d = run.engine.dialect
  const defaultIndex = policy.tiers.findIndex((t) => t.id === policy.default)
  const alternatives = criteria.map(({ tier, rules }) => {
    const holds = rules.map((r, t) =>
      r === undefined
        ? undefined
        : t === tier
          ? compileRule(r, d, kinds, `tiers.${t}.when`)
          : `rule_${t}`,
    )
    return `toInt32(${firstMatch(holds, defaultIndex)})`
  })
  const rows = await run.engine.all<{ c: number; t: number; n: number }>(
    `SELECT c, alt AS t, count() AS n FROM (
       SELECT customer_id, tier_index, [${alternatives.join(', ')}] AS alts FROM ${tiered}
     ) ARRAY JOIN alts AS alt, arrayEnumerate(alts) AS c
     WHERE alt != tier_index GROUP BY c, t ORDER BY c, min(customer_id)`,
  )
  return criteria.map(({ tier, criterion }, i) => {
    const to: Record<string, number> = {}
    let changed = 0
    for (const r of rows) {
      if (r.c !== i + 1) continue
      to[policy.tiers[r.t]!.id] = r.n
      changed += r.n
    }
    return { tier: policy.tiers[tier]!.id, criterion, changed, to }
  })
}
