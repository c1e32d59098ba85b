/**
 * The rule language of tier policies: comparisons of per-customer columns joined with
 * and/or/not, e.g. `profit_pct >= 0.8 and (clv_pct >= 0.5 or tenure_days > 730)`.
 * Parsed once into a small tree that is evaluated over whole columns and that explains
 * itself (which comparisons held for a customer).
 */
import { ClienteleError } from '../schema/index.js'

export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!='
export type Expr =
  | { readonly kind: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'not'; readonly operand: Expr }
  | {
      readonly kind: 'compare'
      readonly op: CompareOp
      readonly column: string
      readonly value: number | string
    }
  | { readonly kind: 'in'; readonly column: string; readonly values: readonly (number | string)[] }
  | { readonly kind: 'flag'; readonly column: string }
  | { readonly kind: 'const'; readonly value: boolean }

type Token = { t: 'id' | 'num' | 'str' | 'op' | 'punct'; v: string; at: number }

const TOKEN =
  /\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?%?)|'([^']*)'|"([^"]*)"|(<=|>=|==|!=|&&|\|\||<|>|=|!)|([()[\],]))/y

function tokenize(text: string, where: string): Token[] {
  const out: Token[] = []
  TOKEN.lastIndex = 0
  let at = 0
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break
    TOKEN.lastIndex = at
    const m = TOKEN.exec(text)
    if (!m)
      throw syntax(
        where,
        text,
        text.length - text.slice(at).trimStart().length,
        'unexpected character',
      )
    const start = m.index + (m[0].length - m[0].trimStart().length)
    if (m[1] !== undefined) out.push({ t: 'id', v: m[1], at: start })
    else if (m[2] !== undefined) out.push({ t: 'num', v: m[2], at: start })
    else if (m[3] !== undefined || m[4] !== undefined)
      out.push({ t: 'str', v: m[3] ?? m[4]!, at: start })
    else if (m[5] !== undefined) out.push({ t: 'op', v: m[5], at: start })
    else out.push({ t: 'punct', v: m[6]!, at: start })
    at = TOKEN.lastIndex
  }
  return out
}

function syntax(where: string, text: string, at: number, what: string): ClienteleError {
  return new ClienteleError(
    'POLICY_INVALID',
    `${where}: ${what} at position ${at + 1} of "${text}"`,
    {
      issues: [
        {
          code: 'POLICY_INVALID',
          path: where,
          message: `${what} at position ${at + 1}`,
          value: text,
        },
      ],
    },
  )
}

const num = (v: string) => (v.endsWith('%') ? Number(v.slice(0, -1)) / 100 : Number(v))

/** Parses a rule; `where` names it in errors (e.g. `tiers.0.when`). */
export function parseExpression(text: string, where: string): Expr {
  const tokens = tokenize(text, where)
  let i = 0
  const peek = () => tokens[i]
  const fail = (what: string): never => {
    throw syntax(where, text, peek()?.at ?? text.length, what)
  }
  const isWord = (w: string) => peek()?.t === 'id' && peek()!.v.toLowerCase() === w
  const literal = (): number | string => {
    const tok = peek()
    if (tok?.t === 'num') return (i++, num(tok.v))
    if (tok?.t === 'str') return (i++, tok.v)
    return fail('expected a number or a quoted text')
  }
  const primary = (): Expr => {
    const tok = peek()
    if (tok === undefined) return fail('expected a condition')
    if (tok.t === 'punct' && tok.v === '(') {
      i++
      const e = or()
      if (peek()?.v !== ')') fail('expected )')
      i++
      return e
    }
    if (isWord('not') || (tok.t === 'op' && tok.v === '!')) {
      i++
      return { kind: 'not', operand: primary() }
    }
    if (isWord('true') || isWord('false'))
      return (i++, { kind: 'const', value: tok.v.toLowerCase() === 'true' })
    if (tok.t !== 'id') return fail('expected a column name')
    i++
    const column = tok.v
    const op = peek()
    if (op?.t === 'op' && ['<', '<=', '>', '>=', '==', '!=', '='].includes(op.v)) {
      i++
      return {
        kind: 'compare',
        op: (op.v === '=' ? '==' : op.v) as CompareOp,
        column,
        value: literal(),
      }
    }
    if (isWord('in')) {
      i++
      if (peek()?.v !== '[') fail('expected [ after in')
      i++
      const values = [literal()]
      while (peek()?.v === ',') {
        i++
        values.push(literal())
      }
      if (peek()?.v !== ']') fail('expected ]')
      i++
      return { kind: 'in', column, values }
    }
    return { kind: 'flag', column }
  }
  const and = (): Expr => {
    let left = primary()
    while (isWord('and') || peek()?.v === '&&') {
      i++
      left = { kind: 'and', left, right: primary() }
    }
    return left
  }
  const or = (): Expr => {
    let left = and()
    while (isWord('or') || peek()?.v === '||') {
      i++
      left = { kind: 'or', left, right: and() }
    }
    return left
  }
  const e = or()
  if (i < tokens.length) fail('unexpected text')
  return e
}

/** The columns a rule reads. */
export function columnsOf(e: Expr): string[] {
  switch (e.kind) {
    case 'and':
    case 'or':
      return [...new Set([...columnsOf(e.left), ...columnsOf(e.right)])]
    case 'not':
      return columnsOf(e.operand)
    case 'const':
      return []
    default:
      return [e.column]
  }
}

/** The comparisons of a rule, left to right. */
export function leaves(e: Expr): Exclude<Expr, { kind: 'and' | 'or' | 'not' | 'const' }>[] {
  switch (e.kind) {
    case 'and':
    case 'or':
      return [...leaves(e.left), ...leaves(e.right)]
    case 'not':
      return leaves(e.operand)
    case 'const':
      return []
    default:
      return [e]
  }
}
