/**
 * Tier assignment in the cluster: the policy's rules compiled to SQL (`compileTierRules`),
 * first match wins, the default tier for the rest; then the counts and positive value per
 * tier and the rule overlaps, the only per-tier figures that come to Node. Values add in
 * customer-id order, as `tierShares` adds them over the frame.
 */
import { sumByKey } from '../engine/index.js'
import { ClienteleError } from '../schema/index.js'
import {
  compileTierRules,
  sharesOf,
  type ColumnKind,
  type Overlap,
  type Policy,
  type TierShare,
} from '../tiering/index.js'
import type { ClusterRun } from './cluster-run.js'

export interface ClusterTiers {
  /** The working table of every customer's columns with `tier_index`, `matched` and `rule_<t>`. */
  readonly table: string
  readonly shares: TierShare[]
  readonly overlaps: Overlap[]
}

const nested = (f: string, items: readonly string[], none: string): string =>
  items.length === 0 ? none : items.reduce((a, b) => `${f}(${a}, ${b})`)

/**
 * The index of the first tier whose 0/1 rule holds, else `defaultIndex`, as SQL; a tier
 * without a rule (`undefined`) never matches.
 */
export function firstMatch(rules: readonly (string | undefined)[], defaultIndex: number): string {
  const when = rules.flatMap((r, t) => (r === undefined ? [] : [`WHEN ${r} = 1 THEN ${t}`]))
  return when.length === 0
    ? String(defaultIndex)
    : `CASE ${when.join(' ')} ELSE ${defaultIndex} END`
}

export async function clusterTiers(
  run: ClusterRun,
  feat: string,
  kinds: ReadonlyMap<string, ColumnKind>,
  policy: Policy,
): Promise<ClusterTiers> {
  const e = run.engine
  if (kinds.get(policy.value) !== 'number') {
    throw new ClienteleError('POLICY_INVALID', `policy ${policy.id} does not fit the data`, {
      issues: [
        {
          code: 'POLICY_INVALID',
          path: 'value',
          message: `unknown indicator ${policy.value}`,
          value: policy.value,
        },
      ],
    })
  }
  const { matches, ruled } = compileTierRules(policy, e.dialect, kinds)
  const rules = matches.map((_, t) => `rule_${t}`)
  const used = rules.filter((_, t) => ruled[t])
  const defaultIndex = policy.tiers.findIndex((t) => t.id === policy.default)
  const tier = firstMatch(
    rules.map((r, t) => (ruled[t] ? r : undefined)),
    defaultIndex,
  )
  const table = await run.create(
    'tiered',
    'customer_id',
    `SELECT *, ${matches.map((m, t) => `toUInt8(${m}) AS rule_${t}`).join(', ')},
      toInt32(${tier}) AS tier_index, toUInt8(${nested('greatest', used, '0')}) AS matched FROM ${feat}`,
  )
  const value = `greatest(coalesce(${e.dialect.quoteIdentifier(policy.value)}, 0), 0)`
  const k = policy.tiers.length
  const counts = new Float64Array(k)
  const values = new Float64Array(k)
  for (const r of await e.all<{ t: number; n: number; v: number }>(
    `SELECT tier_index AS t, count() AS n, ${sumByKey(value, 'customer_id')} AS v FROM ${table} GROUP BY t`,
  )) {
    counts[r.t] = r.n
    values[r.t] = r.v
  }
  const [{ total }] = (await e.all(
    `SELECT ${sumByKey(value, 'customer_id')} AS total FROM ${table}`,
  )) as [{ total: number }]
  const overlaps: Overlap[] = []
  for (const [t, r] of rules.entries()) {
    if (!ruled[t]) continue
    const rows = await e.all<{ earlier: number; n: number }>(
      `SELECT tier_index AS earlier, count() AS n FROM ${table}
       WHERE matched = 1 AND tier_index < ${t} AND ${r} = 1 GROUP BY earlier ORDER BY min(customer_id)`,
    )
    for (const row of rows) {
      overlaps.push({
        tier: policy.tiers[row.earlier]!.id,
        alsoMatches: policy.tiers[t]!.id,
        customers: row.n,
      })
    }
  }
  return { table, shares: sharesOf(counts, values, total, policy), overlaps }
}
