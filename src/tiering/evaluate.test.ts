import { describe, expect, it } from 'vitest'
import { ClienteleError } from '../schema/index.js'
import { checkRule, evaluate } from './evaluate.js'
import { parseExpression } from './expression.js'
import type { Frame } from './frame.js'

// Five customers; the third has no purchase (NaN numbers), the fourth no region.
const frame: Frame = {
  n: 5,
  ids: ['c1', 'c2', 'c3', 'c4', 'c5'],
  numbers: new Map([
    ['a', Float64Array.of(1, 5, NaN, 7, 5)],
    ['flagged', Float64Array.of(1, 0, NaN, 2, 0)],
  ]),
  texts: new Map([['region', ['华东', '华南', '华东', null, '']]]),
}
const mask = (rule: string) => [...evaluate(parseExpression(rule, 'r'), frame)]

describe('evaluate', () => {
  it('compares numbers column-wise', () => {
    expect(mask('a >= 5')).toEqual([0, 1, 0, 1, 1])
    expect(mask('a < 5')).toEqual([1, 0, 0, 0, 0])
    expect(mask('a == 5')).toEqual([0, 1, 0, 0, 1])
  })

  it('makes every comparison with a missing value false, != included', () => {
    expect(mask('a != 5')).toEqual([1, 0, 0, 1, 0])
    expect(mask('a in [1, 7]')).toEqual([1, 0, 0, 1, 0])
    expect(mask("region != '华东'")).toEqual([0, 1, 0, 0, 1])
  })

  it('negates whole conditions, so not (a >= 5) holds for a missing a', () => {
    expect(mask('not a >= 5')).toEqual([1, 0, 1, 0, 0])
  })

  it('compares text with == and in, and reads a flag as > 0 or non-empty text', () => {
    expect(mask("region == '华东'")).toEqual([1, 0, 1, 0, 0])
    expect(mask("region in ['华南', '']")).toEqual([0, 1, 0, 0, 1])
    expect(mask('flagged')).toEqual([1, 0, 0, 1, 0])
    expect(mask('region')).toEqual([1, 1, 1, 0, 0])
  })

  it('combines with and / or and constants', () => {
    expect(mask("a >= 5 and region == '华南' or a == 1")).toEqual([1, 1, 0, 0, 0])
    expect(mask('true')).toEqual([1, 1, 1, 1, 1])
    expect(mask('false or a == 7')).toEqual([0, 0, 0, 1, 0])
  })

  it('throws on a column the frame does not have', () => {
    expect(() => mask('zz > 1')).toThrow(
      new ClienteleError('POLICY_INVALID', 'unknown column in rule: zz'),
    )
  })
})

describe('checkRule', () => {
  const check = (rule: string, known: string[] = []) =>
    checkRule(parseExpression(rule, 'r'), frame, new Set(known))

  it('accepts a rule that fits the frame', () => {
    expect(check("a >= 5 and region in ['华东'] and not flagged")).toEqual([])
  })

  it('names unknown columns once each, unless the caller knows them', () => {
    expect(check('zz > 1 or zz < 0 or yy')).toEqual(['unknown column zz', 'unknown column yy'])
    expect(check('zz > 1', ['zz'])).toEqual([])
  })

  it('names text compared with a number and numbers compared with text, in in lists too', () => {
    expect(check('region == 5')).toEqual(['region is text; compare it with a quoted value'])
    expect(check("a == '5'")).toEqual(['a is a number; compare it with a number, not "5"'])
    expect(check("region in ['华东', 3]")).toEqual([
      'region is text; compare it with a quoted value',
    ])
    expect(check("a in [1, 'x']")).toEqual(['a is a number; compare it with a number, not "x"'])
  })

  it('names an ordering of text, which would otherwise never hold', () => {
    expect(check("region > 'a'")).toEqual(['region is text; use ==, != or in, not >'])
  })
})
