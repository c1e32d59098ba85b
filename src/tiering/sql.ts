/**
 * Tier rules compiled to SQL, for tiering customers where the data lives (the ClickHouse
 * path) instead of over a frame in Node. A rule becomes a 0/1 integer expression with the
 * semantics of `evaluate`: a missing value makes a comparison false (so `not` of it is
 * true), a flag is a number above 0 or a non-empty text, `and`/`or` are least/greatest.
 * Only plain SQL through the dialect: CASE, IN, least, greatest, quoted names and literals,
 * which DuckDB and ClickHouse 18.16 and later all accept. A rule that reads a column the
 * engine does not have, or compares text with numbers, cannot be compiled and says so.
 */
import type { SqlDialect } from '../engine/index.js'
import { ClienteleError, type Issue } from '../schema/index.js'
import type { CompareOp, Expr } from './expression.js'
import type { Policy } from './policy.js'

/** What a column holds, for checking and compiling comparisons. */
export type ColumnKind = 'number' | 'text'

const SQL_OPS: Readonly<Record<CompareOp, string>> = {
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '==': '=',
  '!=': '<>',
}

/** Why a rule cannot be compiled. */
class RuleNotCompiled extends Error {}

function literal(d: SqlDialect, v: number | string): string {
  if (typeof v === 'string') return d.quoteString(v)
  if (!Number.isFinite(v)) throw new RuleNotCompiled(`invalid number in rule: ${v}`)
  return v < 0 || Object.is(v, -0) ? `(${v})` : String(v)
}

const bit = (cond: string) => `CASE WHEN ${cond} THEN 1 ELSE 0 END`

function leaf(
  e: Extract<Expr, { column: string }>,
  d: SqlDialect,
  columns: ReadonlyMap<string, ColumnKind>,
): string {
  const kind = columns.get(e.column)
  if (kind === undefined) {
    throw new RuleNotCompiled(
      `unknown column ${e.column} (the engine has ${[...columns.keys()].sort().join(', ')})`,
    )
  }
  const col = d.quoteIdentifier(e.column)
  if (e.kind === 'flag') return bit(kind === 'number' ? `${col} > 0` : `${col} <> ''`)
  const values = e.kind === 'in' ? e.values : [e.value]
  const wrong = values.find((v) => (kind === 'number') !== (typeof v === 'number'))
  if (wrong !== undefined) {
    throw new RuleNotCompiled(
      kind === 'text'
        ? `${e.column} is text; compare it with a quoted value`
        : `${e.column} is a number; compare it with a number, not "${wrong}"`,
    )
  }
  if (e.kind === 'in') return bit(`${col} IN (${values.map((v) => literal(d, v)).join(', ')})`)
  if (kind === 'text' && e.op !== '==' && e.op !== '!=')
    throw new RuleNotCompiled(`${e.column} is text; use ==, != or in, not ${e.op}`)
  return bit(`${col} ${SQL_OPS[e.op]} ${literal(d, e.value)}`)
}

function compile(e: Expr, d: SqlDialect, columns: ReadonlyMap<string, ColumnKind>): string {
  switch (e.kind) {
    case 'const':
      return e.value ? '1' : '0'
    case 'and':
      return `least(${compile(e.left, d, columns)}, ${compile(e.right, d, columns)})`
    case 'or':
      return `greatest(${compile(e.left, d, columns)}, ${compile(e.right, d, columns)})`
    case 'not':
      return `(1 - ${compile(e.operand, d, columns)})`
    default:
      return leaf(e, d, columns)
  }
}

/**
 * A rule as a SQL expression that is 1 where it holds and 0 elsewhere (never NULL).
 * @example compileRule(parseExpression('clv_pct >= 0.5', 'r'), dialect, new Map([['clv_pct', 'number']]))
 * // CASE WHEN "clv_pct" >= 0.5 THEN 1 ELSE 0 END
 */
export function compileRule(
  e: Expr,
  d: SqlDialect,
  columns: ReadonlyMap<string, ColumnKind>,
  where = 'rule',
): string {
  try {
    return compile(e, d, columns)
  } catch (err) {
    if (!(err instanceof RuleNotCompiled)) throw err
    throw new ClienteleError('POLICY_INVALID', `${where}: ${err.message}`, {
      issues: [{ code: 'POLICY_INVALID', path: where, message: err.message }],
    })
  }
}

/** The tier rules of a policy compiled to SQL: one 0/1 expression per tier (`'0'` for none). */
export interface CompiledTierRules {
  readonly matches: readonly string[]
  /** Whether the tier has a rule of its own (the default tier may have none). */
  readonly ruled: readonly boolean[]
}

/**
 * Compiles every tier rule of `policy` against the columns the engine has; all problems
 * are reported together, each with the rule's path (`tiers.N.when`) and text.
 */
export function compileTierRules(
  policy: Policy,
  d: SqlDialect,
  columns: ReadonlyMap<string, ColumnKind>,
): CompiledTierRules {
  const issues: Issue[] = []
  const matches = policy.rules.map((r, t) => {
    if (r === undefined) return '0'
    try {
      return compileRule(r, d, columns, `tiers.${t}.when`)
    } catch (err) {
      if (!(err instanceof ClienteleError)) throw err
      issues.push(...err.issues.map((i) => ({ ...i, value: policy.tiers[t]!.when })))
      return '0'
    }
  })
  if (issues.length > 0) {
    throw new ClienteleError(
      'POLICY_INVALID',
      `policy ${policy.id} cannot be tiered in the engine: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues },
    )
  }
  return { matches, ruled: policy.rules.map((r) => r !== undefined) }
}
