import { describe, expect, it } from 'vitest'
import { assignTiers, migrationMatrix, shareWarnings, tierShares } from './assign.js'
import { parseExpression } from './expression.js'
import type { Frame } from './frame.js'
import { parsePolicyText } from './policy.js'

const POLICY = parsePolicyText(
  `id: three
name: { zh: 三级, en: Three }
tiers:
  - id: top
    name: { zh: 高, en: Top }
    when: a >= 18
    expected: { customers: [0.1, 0.2], value: [0.7, 1] }
  - id: mid
    name: { zh: 中, en: Mid }
    when: a >= 5
    expected: { customers: [0.2, 0.6], value: [0.2, 0.6] }
  - id: rest
    name: { zh: 低, en: Rest }
    expected: { customers: [0.3, 0.4] }
default: rest
`,
  'three.yaml',
)

// 25 customers with a = 1…25; monetary = 10·a, except customer 1 who was refunded (−100).
const n = 25
const a = Float64Array.from({ length: n }, (_, i) => i + 1)
const monetary = a.map((x) => (x === 1 ? -100 : 10 * x))
const frame: Frame = {
  n,
  ids: Array.from(a, (x) => `c${x}`),
  numbers: new Map([
    ['a', a],
    ['monetary', monetary],
  ]),
  texts: new Map(),
}

describe('assignTiers', () => {
  const r = assignTiers(frame, POLICY)
  const tierOf = (x: number) => POLICY.tiers[r.tier[x - 1]!]!.id

  it('gives each customer the first tier whose rule matches, and the default to the rest', () => {
    // a = 20 matches both top (≥ 18) and mid (≥ 5): top comes first.
    expect([1, 4, 5, 17, 18, 20, 25].map(tierOf)).toEqual([
      'rest',
      'rest',
      'mid',
      'mid',
      'top',
      'top',
      'top',
    ])
    expect(r.matched[0]).toBe(0)
    expect(r.matched[4]).toBe(1)
  })

  it('reports customers that a later rule also matches, with their count', () => {
    // a = 18…25: 8 customers in top also satisfy mid's a >= 5.
    expect(r.overlaps).toEqual([{ tier: 'top', alsoMatches: 'mid', customers: 8 }])
  })

  it('uses the rules it is given instead of the policy own, for what-ifs', () => {
    const looser = [parseExpression('a >= 10', 'x'), POLICY.rules[1], undefined]
    const alt = assignTiers(frame, POLICY, looser)
    expect(Array.from(alt.tier).filter((t) => t === 0)).toHaveLength(16)
  })
})

describe('tierShares and shareWarnings', () => {
  const r = assignTiers(frame, POLICY)
  const shares = tierShares(r.tier, monetary, POLICY)

  it('counts customers and positive value per tier against the expected ranges', () => {
    // top: a = 18…25, 8 customers (32%), value 10·(18+…+25) = 1,720.
    // mid: a = 5…17, 13 customers (52%), value 10·(5+…+17) = 1,430.
    // rest: a = 1…4, 4 customers (16%), value 20+30+40 = 90: the −100 refund counts as none.
    // Positive total 1,720 + 1,430 + 90 = 3,240.
    expect(
      shares.map((s) => [s.id, s.customers, s.customerShare, s.value, s.withinExpected]),
    ).toEqual([
      ['top', 8, 0.32, 1720, false],
      ['mid', 13, 0.52, 1430, true],
      ['rest', 4, 0.16, 90, false],
    ])
    expect(shares[0]!.valueShare).toBeCloseTo(1720 / 3240, 12)
    expect(shares[1]!.valueShare).toBeCloseTo(1430 / 3240, 12)
    expect(shares[2]!.valueShare).toBeCloseTo(90 / 3240, 12)
    expect(shares[0]!.name).toEqual({ zh: '高', en: 'Top' })
    expect(shares[0]!.expected).toEqual({ customers: [0.1, 0.2], value: [0.7, 1] })
  })

  it('counts no value for missing amounts and none at all when nothing is positive', () => {
    const s = tierShares(Int32Array.of(0, 1, 2), Float64Array.of(NaN, -5, 0), POLICY)
    expect(s.map((x) => [x.value, x.valueShare])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ])
  })

  it('says which rule to change and which way for each tier outside its range', () => {
    expect(shareWarnings(shares, POLICY)).toEqual([
      'top holds 32.0% of customers, expected 10–20%: tighten tiers.0.when',
      'top holds 53.1% of monetary, expected 70–100%: review tiers.0.when',
      // Too few in the default tier: the other tiers take too many, so tighten them.
      'rest holds 16.0% of customers, expected 30–40%: tighten the rules of the other tiers',
    ])
  })

  it('asks to loosen the other rules when the default tier holds too many', () => {
    const alt = assignTiers(frame, POLICY, [
      parseExpression('a >= 24', 'x'),
      parseExpression('a >= 15', 'x'),
      undefined,
    ])
    // a = 1…14 fall through: 14 of 25 = 56%.
    const warnings = shareWarnings(tierShares(alt.tier, monetary, POLICY), POLICY)
    expect(warnings).toContain(
      'rest holds 56.0% of customers, expected 30–40%: loosen the rules of the other tiers',
    )
    expect(warnings).toContain('top holds 8.0% of customers, expected 10–20%: loosen tiers.0.when')
  })
})

describe('migrationMatrix', () => {
  it('counts customers per (from, to) pair, summing to the customers', () => {
    const m = migrationMatrix(Int32Array.of(0, 0, 1, 2, 2), Int32Array.of(0, 1, 1, 2, 0), 3)
    expect(m).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 1],
    ])
    expect(m.flat().reduce((s, x) => s + x, 0)).toBe(5)
  })
})
