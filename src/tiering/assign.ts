/**
 * Tier assignment: the policy's rules in order, first match wins, the default tier for the
 * rest. Works on whole columns (one mask per rule); reports where rules overlap and how
 * each tier's share compares with what the policy expects.
 */
import { evaluate } from './evaluate.js'
import type { Frame } from './frame.js'
import type { Policy } from './policy.js'
import type { Expr } from './expression.js'

export interface Overlap {
  readonly tier: string
  /** A later tier whose rule also matches customers already placed in `tier`. */
  readonly alsoMatches: string
  readonly customers: number
}

export interface TierShare {
  readonly id: string
  readonly name: { readonly zh: string; readonly en: string }
  readonly customers: number
  readonly customerShare: number
  readonly value: number
  readonly valueShare: number
  readonly expected?: {
    readonly customers?: readonly [number, number]
    readonly value?: readonly [number, number]
  }
  readonly withinExpected: boolean
}

export interface Assignment {
  /** Index into `policy.tiers` per customer. */
  readonly tier: Int32Array
  /** Whether a rule decided (1) or the customer fell to the default tier (0). */
  readonly matched: Uint8Array
  readonly overlaps: readonly Overlap[]
}

/** Assigns every customer of `frame` a tier; `rules` overrides the policy's (for what-ifs). */
export function assignTiers(
  frame: Frame,
  policy: Policy,
  rules: readonly (Expr | undefined)[] = policy.rules,
): Assignment {
  const n = frame.n
  const defaultIndex = policy.tiers.findIndex((t) => t.id === policy.default)
  const tier = new Int32Array(n).fill(-1)
  const matched = new Uint8Array(n)
  const overlaps: Overlap[] = []
  const masks = rules.map((r) => (r === undefined ? undefined : evaluate(r, frame)))
  masks.forEach((mask, t) => {
    if (mask === undefined) return
    const also = new Map<number, number>()
    for (let i = 0; i < n; i++) {
      if (mask[i] !== 1) continue
      if (tier[i]! < 0) {
        tier[i] = t
        matched[i] = 1
      } else also.set(tier[i]!, (also.get(tier[i]!) ?? 0) + 1)
    }
    for (const [earlier, customers] of also) {
      overlaps.push({
        tier: policy.tiers[earlier]!.id,
        alsoMatches: policy.tiers[t]!.id,
        customers,
      })
    }
  })
  for (let i = 0; i < n; i++) if (tier[i]! < 0) tier[i] = defaultIndex
  return { tier, matched, overlaps }
}

const inRange = (v: number, r: readonly [number, number] | undefined) =>
  r === undefined || (v >= r[0] - 1e-12 && v <= r[1] + 1e-12)

/** Customers and value per tier, against the expected ranges. Value counts positive amounts only. */
export function tierShares(tier: Int32Array, value: Float64Array, policy: Policy): TierShare[] {
  const k = policy.tiers.length
  const counts = new Float64Array(k)
  const values = new Float64Array(k)
  let total = 0
  for (let i = 0; i < tier.length; i++) {
    const v = value[i]!
    counts[tier[i]!]!++
    if (v > 0) {
      values[tier[i]!]! += v
      total += v
    }
  }
  return sharesOf(counts, values, total, policy)
}

/**
 * Tier shares from customers and positive value per tier (in policy order) and the total
 * positive value, for engines that count them where the data lives.
 */
export function sharesOf(
  counts: Float64Array,
  values: Float64Array,
  total: number,
  policy: Policy,
): TierShare[] {
  const n = counts.reduce((a, b) => a + b, 0)
  return policy.tiers.map((t, j) => {
    const customerShare = n === 0 ? 0 : counts[j]! / n
    const valueShare = total === 0 ? 0 : values[j]! / total
    return {
      id: t.id,
      name: t.name,
      customers: counts[j]!,
      customerShare,
      value: values[j]!,
      valueShare,
      expected: t.expected,
      withinExpected:
        inRange(customerShare, t.expected?.customers) && inRange(valueShare, t.expected?.value),
    }
  })
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
const range = (r: readonly [number, number]) =>
  `${Math.round(r[0] * 100)}–${Math.round(r[1] * 100)}%`

/** Warnings for tiers outside their expected shares, saying which rule to change and how. */
export function shareWarnings(shares: readonly TierShare[], policy: Policy): string[] {
  const out: string[] = []
  shares.forEach((s, j) => {
    const e = s.expected
    // The default tier holds whoever the other rules leave: it shrinks as they loosen.
    const isDefault = policy.tiers[j]!.id === policy.default
    const rule = isDefault ? 'the rules of the other tiers' : `tiers.${j}.when`
    if (e?.customers && !inRange(s.customerShare, e.customers)) {
      const tighten = s.customerShare > e.customers[1] !== isDefault
      out.push(
        `${s.id} holds ${pct(s.customerShare)} of customers, expected ${range(e.customers)}: ${tighten ? 'tighten' : 'loosen'} ${rule}`,
      )
    }
    if (e?.value && !inRange(s.valueShare, e.value)) {
      out.push(
        `${s.id} holds ${pct(s.valueShare)} of ${policy.value}, expected ${range(e.value)}: review ${rule}`,
      )
    }
  })
  return out
}

/** Customers per (from, to) tier pair between two assignments of the same customers. */
export function migrationMatrix(from: Int32Array, to: Int32Array, k: number): number[][] {
  const m = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (let i = 0; i < from.length; i++) m[from[i]!]![to[i]!]!++
  return m
}
