import { describe, expect, it } from 'vitest'
import type { Frame } from './frame.js'
import { criteriaImpact } from './impact.js'
import { parsePolicyText } from './policy.js'

const twoTier = (rule: string) =>
  parsePolicyText(
    `id: two
name: { zh: 两级, en: Two }
tiers:
  - id: in
    name: { zh: 内, en: In }
    when: ${rule}
  - id: out
    name: { zh: 外, en: Out }
default: out
`,
    'two.yaml',
  )

//            c1  c2  c3  c4  c5  c6
// a           6   2   1   7   1   9
// b           6   7   8   1   1   5
const frame: Frame = {
  n: 6,
  ids: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6'],
  numbers: new Map([
    ['a', Float64Array.of(6, 2, 1, 7, 1, 9)],
    ['b', Float64Array.of(6, 7, 8, 1, 1, 5)],
  ]),
  texts: new Map(),
}

describe('criteriaImpact', () => {
  it('under and: dropping a >= 5 moves exactly the customers with a < 5 and b >= 5 in', () => {
    // In: c1, c6. Without a >= 5 the rule is b >= 5: c2 and c3 (a < 5, b >= 5) join.
    // Without b >= 5 it is a >= 5: c4 (a >= 5, b < 5) joins.
    expect(criteriaImpact(frame, twoTier('a >= 5 and b >= 5'))).toEqual([
      { tier: 'in', criterion: 'a >= 5', changed: 2, to: { in: 2 } },
      { tier: 'in', criterion: 'b >= 5', changed: 1, to: { in: 1 } },
    ])
  })

  it('under or: dropping a >= 5 moves out exactly those only a >= 5 let in', () => {
    // In: everyone but c5. Without a >= 5 only b >= 5 admits: c4 (a 7, b 1) leaves.
    // Without b >= 5 only a >= 5 admits: c2 and c3 leave.
    expect(criteriaImpact(frame, twoTier('a >= 5 or b >= 5'))).toEqual([
      { tier: 'in', criterion: 'a >= 5', changed: 1, to: { out: 1 } },
      { tier: 'in', criterion: 'b >= 5', changed: 2, to: { out: 2 } },
    ])
  })

  it('makes a lone comparison, or one under not, always true when dropped', () => {
    // a >= 5 alone: dropping it puts c2, c3 and c5 in too.
    expect(criteriaImpact(frame, twoTier('a >= 5'))).toEqual([
      { tier: 'in', criterion: 'a >= 5', changed: 3, to: { in: 3 } },
    ])
    // not a < 5 is the same rule; dropping the criterion still opens the tier to all.
    expect(criteriaImpact(frame, twoTier('not a < 5'))).toEqual([
      { tier: 'in', criterion: 'a < 5', changed: 3, to: { in: 3 } },
    ])
  })

  it('follows customers to the tier they would fall to when an earlier rule widens', () => {
    const p = parsePolicyText(
      `id: three
name: { zh: 三级, en: Three }
tiers:
  - id: top
    name: { zh: 高, en: Top }
    when: a >= 5 and b >= 5
  - id: mid
    name: { zh: 中, en: Mid }
    when: b >= 5 or region == 'x'
  - id: low
    name: { zh: 低, en: Low }
default: low
`,
      'three.yaml',
    )
    const f: Frame = { ...frame, texts: new Map([['region', ['x', 'y', 'y', 'x', 'y', 'y']]]) }
    // Base: top c1, c6; mid c2, c3, c4 (region x); low c5.
    expect(criteriaImpact(f, p)).toEqual([
      { tier: 'top', criterion: 'a >= 5', changed: 2, to: { top: 2 } },
      { tier: 'top', criterion: 'b >= 5', changed: 1, to: { top: 1 } },
      { tier: 'mid', criterion: 'b >= 5', changed: 2, to: { low: 2 } },
      { tier: 'mid', criterion: "region == 'x'", changed: 1, to: { low: 1 } },
    ])
  })
})
