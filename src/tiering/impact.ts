/**
 * Reviewing a policy (SPEC §4, 6.1 定期审查分级标准): for each criterion (a comparison in a
 * tier rule), how many customers would change tier if it were dropped, and to where.
 * Dropping means the comparison no longer constrains: true inside `and`, false inside `or`.
 */
import { assignTiers } from './assign.js'
import type { Expr } from './expression.js'
import type { Frame } from './frame.js'
import type { Policy } from './policy.js'

export interface CriterionImpact {
  readonly tier: string
  readonly criterion: string
  readonly changed: number
  /** Where the changed customers would go: tier id → customers. */
  readonly to: Readonly<Record<string, number>>
}

function describe(e: Expr): string {
  switch (e.kind) {
    case 'compare':
      return `${e.column} ${e.op} ${typeof e.value === 'string' ? `'${e.value}'` : e.value}`
    case 'in':
      return `${e.column} in [${e.values.map((v) => (typeof v === 'string' ? `'${v}'` : v)).join(', ')}]`
    case 'flag':
      return e.column
    default:
      return e.kind
  }
}

/** Every leaf of `e` with a copy of `e` in which that leaf is neutral. */
function withoutEach(e: Expr, neutral: boolean): { leaf: Expr; rest: Expr }[] {
  switch (e.kind) {
    case 'and':
    case 'or': {
      const n = e.kind === 'and'
      return [
        ...withoutEach(e.left, n).map(({ leaf, rest }) => ({ leaf, rest: { ...e, left: rest } })),
        ...withoutEach(e.right, n).map(({ leaf, rest }) => ({ leaf, rest: { ...e, right: rest } })),
      ]
    }
    case 'not':
      return withoutEach(e.operand, !neutral).map(({ leaf, rest }) => ({
        leaf,
        rest: { kind: 'not', operand: rest },
      }))
    case 'const':
      return []
    default:
      return [{ leaf: e, rest: { kind: 'const', value: neutral } }]
  }
}

/** One criterion of a policy: a comparison in the rule of tier `tier`, and that rule without it. */
export interface PolicyCriterion {
  readonly tier: number
  /** The comparison as written, e.g. `monetary_pct >= 0.5`. */
  readonly criterion: string
  /** The tier rules with this criterion dropped. */
  readonly rules: readonly (Expr | undefined)[]
}

/** Every criterion of the policy's tier rules, in tier then rule order. */
export function policyCriteria(policy: Policy): PolicyCriterion[] {
  // A lone comparison is the whole rule: dropping it makes the rule always true.
  return policy.rules.flatMap((rule, t) =>
    (rule === undefined ? [] : withoutEach(rule, true)).map(({ leaf, rest }) => ({
      tier: t,
      criterion: describe(leaf),
      rules: policy.rules.map((r, j) => (j === t ? rest : r)),
    })),
  )
}

export function criteriaImpact(
  frame: Frame,
  policy: Policy,
  base = assignTiers(frame, policy),
): CriterionImpact[] {
  return policyCriteria(policy).map(({ tier, criterion, rules }) => {
    const alt = assignTiers(frame, policy, rules)
    const to: Record<string, number> = {}
    let changed = 0
    for (let i = 0; i < frame.n; i++) {
      if (alt.tier[i] === base.tier[i]) continue
      changed++
      const id = policy.tiers[alt.tier[i]!]!.id
      to[id] = (to[id] ?? 0) + 1
    }
    return { tier: policy.tiers[tier]!.id, criterion, changed, to }
  })
}
