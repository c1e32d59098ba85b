/**
 * What changing a policy would do before it is saved (`clientele diff-policy A B`): both
 * policies tier the same customers as of the same date, and the result is the migration
 * between them, tier by tier.
 */
import type { Engine } from '../engine/index.js'
import { ensureStore } from '../ingest/index.js'
import { ClienteleError } from '../schema/index.js'
import { resolvePolicy, type Policy, type TierShare } from '../tiering/index.js'
import { computeTiers } from './analyze.js'
import { withStore } from './store.js'

export interface PolicyDiffOptions {
  readonly store?: string
  readonly from: string
  readonly to: string
  readonly asOf?: string
  readonly window?: string
}

export interface PolicyDiff {
  readonly asOf: string
  readonly customers: number
  readonly from: {
    readonly id: string
    readonly hash: string
    readonly tiers: readonly TierShare[]
  }
  readonly to: { readonly id: string; readonly hash: string; readonly tiers: readonly TierShare[] }
  /** Customers by their tier under `from` (outer key) and under `to` (inner key). */
  readonly matrix: Readonly<Record<string, Readonly<Record<string, number>>>>
  /** Customers whose tier id differs between the two policies. */
  readonly changed: number
}

export async function diffPolicies(o: PolicyDiffOptions): Promise<PolicyDiff> {
  const a = resolvePolicy(o.from)
  const b = resolvePolicy(o.to)
  return withStore(o.store, async (engine) => {
    await ensureStore(engine)
    return diffTiers(engine, a, b, o)
  })
}

/** Tiers the store's customers under `a` and `b` as of the same date; the migration between. */
export async function diffTiers(
  engine: Engine,
  a: Policy,
  b: Policy,
  o: { readonly asOf?: string; readonly window?: string } = {},
): Promise<PolicyDiff> {
  const ta = await computeTiers(engine, a, { asOf: o.asOf, window: o.window })
  const tb = await computeTiers(engine, b, { asOf: ta.asOf, window: o.window })
  if (ta.frame.n !== tb.frame.n) {
    throw new ClienteleError(
      'USAGE',
      `the two policies saw different customers (${ta.frame.n} and ${tb.frame.n})`,
    )
  }
  const matrix: Record<string, Record<string, number>> = {}
  for (const t of a.tiers) matrix[t.id] = Object.fromEntries(b.tiers.map((u) => [u.id, 0]))
  let changed = 0
  for (let i = 0; i < ta.frame.n; i++) {
    const from = a.tiers[ta.assignment.tier[i]!]!.id
    const to = b.tiers[tb.assignment.tier[i]!]!.id
    matrix[from]![to]!++
    if (from !== to) changed++
  }
  return {
    asOf: ta.asOf,
    customers: ta.frame.n,
    from: { id: a.id, hash: a.hash, tiers: ta.shares },
    to: { id: b.id, hash: b.hash, tiers: tb.shares },
    matrix,
    changed,
  }
}
