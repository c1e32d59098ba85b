import { describe, expect, it } from 'vitest'
import { ClienteleError } from '../schema/index.js'
import { columnsOf, leaves, parseExpression, type CompareOp, type Expr } from './expression.js'

const parse = (text: string) => parseExpression(text, 'tiers.0.when')
const cmp = (column: string, op: CompareOp, value: number | string): Expr => ({
  kind: 'compare',
  op,
  column,
  value,
})
const a1 = cmp('a', '>', 1)
const b2 = cmp('b', '>', 2)
const c3 = cmp('c', '>', 3)

describe('parseExpression: precedence', () => {
  it('binds and tighter than or, so a or b and c is a or (b and c)', () => {
    expect(parse('a > 1 or b > 2 and c > 3')).toEqual({
      kind: 'or',
      left: a1,
      right: { kind: 'and', left: b2, right: c3 },
    })
    expect(parse('a > 1 and b > 2 or c > 3')).toEqual({
      kind: 'or',
      left: { kind: 'and', left: a1, right: b2 },
      right: c3,
    })
  })

  it('lets parentheses override precedence', () => {
    expect(parse('(a > 1 or b > 2) and c > 3')).toEqual({
      kind: 'and',
      left: { kind: 'or', left: a1, right: b2 },
      right: c3,
    })
  })

  it('applies not to the next condition only, so not a and b is (not a) and b', () => {
    expect(parse('not a > 1 and b > 2')).toEqual({
      kind: 'and',
      left: { kind: 'not', operand: a1 },
      right: b2,
    })
    expect(parse('not (a > 1 and b > 2)')).toEqual({
      kind: 'not',
      operand: { kind: 'and', left: a1, right: b2 },
    })
  })

  it('groups a chain of and from the left', () => {
    expect(parse('a > 1 and b > 2 and c > 3')).toEqual({
      kind: 'and',
      left: { kind: 'and', left: a1, right: b2 },
      right: c3,
    })
  })

  it('reads AND / OR / NOT in any case and the symbols &&, || and ! alike', () => {
    expect(parse('a > 1 && b > 2 || !c > 3')).toEqual(parse('a > 1 AND b > 2 Or NOT c > 3'))
    expect(parse('!c > 3')).toEqual({ kind: 'not', operand: c3 })
  })
})

describe('parseExpression: values', () => {
  it('reads = as ==, and every comparison operator', () => {
    expect(parse('a = 1')).toEqual(cmp('a', '==', 1))
    for (const op of ['<', '<=', '>', '>=', '==', '!='] as const)
      expect(parse(`a ${op} 1`)).toEqual(cmp('a', op, 1))
  })

  it('reads 80% as 0.8, negative numbers and exponents', () => {
    expect(parse('profit_pct >= 80%')).toEqual(cmp('profit_pct', '>=', 0.8))
    expect(parse('x > -2.5')).toEqual(cmp('x', '>', -2.5))
    expect(parse('x < 1e3')).toEqual(cmp('x', '<', 1000))
  })

  it('reads text in single or double quotes, keeping spaces and Chinese as written', () => {
    expect(parse(`rfm_class == 'important_value'`)).toEqual(
      cmp('rfm_class', '==', 'important_value'),
    )
    expect(parse(`industry != "医疗 健康"`)).toEqual(cmp('industry', '!=', '医疗 健康'))
  })

  it('reads in [...] with numbers or quoted text', () => {
    expect(parse(`region in ['华东', "华南"]`)).toEqual({
      kind: 'in',
      column: 'region',
      values: ['华东', '华南'],
    })
    expect(parse('r_score in [4, 5]')).toEqual({ kind: 'in', column: 'r_score', values: [4, 5] })
  })

  it('reads a bare column as a flag and true / false as constants', () => {
    expect(parse('repeat_customer and not false')).toEqual({
      kind: 'and',
      left: { kind: 'flag', column: 'repeat_customer' },
      right: { kind: 'not', operand: { kind: 'const', value: false } },
    })
    expect(parse('TRUE')).toEqual({ kind: 'const', value: true })
  })
})

describe('parseExpression: syntax errors', () => {
  // Positions are 1-based characters of the rule; the end of the rule is its length + 1.
  const cases: [string, string][] = [
    ['a >=', 'expected a number or a quoted text at position 5'],
    ['a >= b', 'expected a number or a quoted text at position 6'],
    ['a >= 1 and', 'expected a condition at position 11'],
    ['(a >= 1', 'expected ) at position 8'],
    ['a >= 1)', 'unexpected text at position 7'],
    ['a >= 1 b', 'unexpected text at position 8'],
    ['a >= 1 @ b', 'unexpected character at position 8'],
    ["a == 'x", 'unexpected character at position 6'],
    ['>= 5', 'expected a column name at position 1'],
    ['region in 1', 'expected [ after in at position 11'],
    ["region in ['east'", 'expected ] at position 18'],
    ['', 'expected a condition at position 1'],
  ]
  for (const [text, what] of cases) {
    it(`names "${what}" for ${JSON.stringify(text)}`, () => {
      let caught: unknown
      try {
        parse(text)
      } catch (e) {
        caught = e
      }
      expect(caught).toBeInstanceOf(ClienteleError)
      const e = caught as ClienteleError
      expect(e.code).toBe('POLICY_INVALID')
      expect(e.message).toBe(`tiers.0.when: ${what} of "${text}"`)
      expect(e.issues).toEqual([
        { code: 'POLICY_INVALID', path: 'tiers.0.when', message: what, value: text },
      ])
    })
  }
})

describe('columnsOf and leaves', () => {
  const e = parse(`b > 1 and (a < 2 or b < 3) and not c and region in ['x'] or true`)

  it('lists each column once, in order of first use', () => {
    expect(columnsOf(e)).toEqual(['b', 'a', 'c', 'region'])
  })

  it('lists every comparison left to right, under not too, without constants', () => {
    expect(leaves(e)).toEqual([
      cmp('b', '>', 1),
      cmp('a', '<', 2),
      cmp('b', '<', 3),
      { kind: 'flag', column: 'c' },
      { kind: 'in', column: 'region', values: ['x'] },
    ])
  })
})
