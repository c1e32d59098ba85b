import { describe, expect, it } from 'vitest'
import type { Frame } from './frame.js'
import { customerNeeds, type NeedsInput } from './needs.js'
import { parsePolicyText } from './policy.js'

const policy = (needs = '') =>
  parsePolicyText(
    `id: t
name: { zh: 甲, en: A }
tiers:
  - id: key
    name: { zh: 重点, en: Key }
    when: x > 0
  - id: rest
    name: { zh: 其他, en: Rest }
default: rest
${needs}`,
    'p.yaml',
  )

//                       c1    c2    c3    c4
// satisfaction_latest    2   2.5     –     3
// days_since_contact   120    30     –    90
// complaints             2     1     0     0
// churn_risk          0.62   0.1     –   0.5
const frame: Frame = {
  n: 4,
  ids: ['c1', 'c2', 'c3', 'c4'],
  numbers: new Map([
    ['satisfaction_latest', Float64Array.of(2, 2.5, NaN, 3)],
    ['days_since_contact', Float64Array.of(120, 30, NaN, 90)],
    ['complaints', Float64Array.of(2, 1, 0, 0)],
    ['churn_risk', Float64Array.of(0.62, 0.1, NaN, 0.5)],
  ]),
  texts: new Map(),
}
const tier = Int32Array.of(0, 0, 1, 1)
const input: NeedsInput = {
  kanoByTier: new Map([
    [
      0,
      [
        { feature: '专属客户经理', category: 'O' },
        { feature: '电子发票', category: 'M' },
        { feature: '积分商城', category: 'A' },
      ],
    ],
    [1, [{ feature: '积分商城', category: 'I' }]],
  ]),
  peerCategories: [null, '工业耗材、包装材料', null, null],
}

describe('customerNeeds', () => {
  it('lists low satisfaction, long silence, complaints, churn risk, peers and KANO needs in Chinese', () => {
    // Defaults: satisfaction below 3, no contact for more than 90 days, churn risk from 50%.
    expect(customerNeeds(frame, tier, policy(), 'zh', input)).toEqual([
      '满意度偏低(2 分);已 120 天未联系;近期投诉 2 次;流失风险 62%;本层客户看重:专属客户经理(期望)、电子发票(必备)',
      '满意度偏低(2.5 分);近期投诉 1 次;同层客户常买:工业耗材、包装材料;本层客户看重:专属客户经理(期望)、电子发票(必备)',
      '',
      '流失风险 50%',
    ])
  })

  it('says the same in English', () => {
    expect(customerNeeds(frame, tier, policy(), 'en', input)).toEqual([
      'low satisfaction (2); no contact for 120 days; 2 recent complaints; churn risk 62%; valued in this tier: 专属客户经理 (one-dimensional), 电子发票 (must-be)',
      'low satisfaction (2.5); 1 recent complaint; peers in this tier buy: 工业耗材、包装材料; valued in this tier: 专属客户经理 (one-dimensional), 电子发票 (must-be)',
      '',
      'churn risk 50%',
    ])
  })

  it('gives a batch of customers the sentences of the whole list', () => {
    const all = customerNeeds(frame, tier, policy(), 'en', input)
    const batch = { start: 1, end: 3 }
    expect(customerNeeds(frame, tier, policy(), 'en', input, batch)).toEqual(all.slice(1, 3))
  })

  it("uses the policy's thresholds for satisfaction and silence", () => {
    const strict = policy('needs: { noContactDays: 60, lowSatisfaction: 4 }\n')
    expect(customerNeeds(frame, tier, strict, 'en')[3]).toBe(
      'low satisfaction (3); no contact for 90 days; churn risk 50%',
    )
  })

  it('says nothing for columns the frame does not have', () => {
    const bare: Frame = { n: 2, ids: ['a', 'b'], numbers: new Map(), texts: new Map() }
    expect(customerNeeds(bare, Int32Array.of(0, 1), policy(), 'zh')).toEqual(['', ''])
  })
})
