import { describe, expect, it } from 'vitest'
import { planActions, rankedActions } from './actions.js'
import type { Frame } from './frame.js'
import { parsePolicyText } from './policy.js'

const POLICY = parsePolicyText(
  `id: plan
name: { zh: 计划, en: Plan }
tiers:
  - id: vip
    name: { zh: 重点, en: VIP }
    when: monetary > 0
    actions:
      - id: call
        text: { zh: 7 天内电话回访, en: Call within 7 days }
        when: churn_risk >= 0.5
        priority: high
        due: 7d
      - id: review
        text: { zh: 季度业务回顾, en: Quarterly review }
        when: churn_risk < 0.5
        priority: medium
        due: 30d
      - id: mail
        text: { zh: 邮件关怀, en: Care e-mail }
        owner: marketing
        priority: low
        due: 2w
        cost: 0
  - id: rest
    name: { zh: 其他, en: Rest }
    actions:
      - id: auto
        text: { zh: 自动触达, en: Automated contact }
        owner: marketing
        priority: low
        due: 1m
        cost: 0
default: rest
capacity: { 张伟: 2, '*': 5 }
`,
  'plan.yaml',
)

// k1–k5 are 张伟's; value at stake = CLV × churn risk:
//   k1 1000 × 0.6 = 600 (call), k2 5000 × 0.1 = 500 (review), k3 2000 × 0.2 = 400 (review),
//   k4 8000 × 0.3 = 2400 (review), k5 3000 × 0.7 = 2100 (call).
// k6 (李娜) has no CLV: its stake is its value, monetary 50. k7 bought nothing (tier rest).
// k8 has no account manager; 400 × 0.5 = 200 (call).
const frame: Frame = {
  n: 8,
  ids: ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'],
  numbers: new Map([
    ['monetary', Float64Array.of(100, 100, 100, 100, 100, 50, 0, 100)],
    ['clv', Float64Array.of(1000, 5000, 2000, 8000, 3000, NaN, NaN, 400)],
    ['churn_risk', Float64Array.of(0.6, 0.1, 0.2, 0.3, 0.7, 0.9, NaN, 0.5)],
  ]),
  texts: new Map([
    ['account_manager', ['张伟', '张伟', '张伟', '张伟', '张伟', '李娜', null, null]],
  ]),
}
const tier = Int32Array.of(0, 0, 0, 0, 0, 0, 1, 0)

describe('planActions', () => {
  const plan = planActions(frame, tier, POLICY, '2025-01-01', 'zh', 'monetary')
  const rows = plan.rows
  const row = (customer: string, action: string) => {
    const k = rows.action.findIndex(
      (a, j) => a === action && frame.ids[rows.customerIndex[j]!] === customer,
    )
    expect(k).toBeGreaterThanOrEqual(0)
    return {
      owner: rows.owner[k],
      due: rows.due[k],
      stake: rows.valueAtStake[k],
      status: rows.status[k],
      note: rows.note[k],
    }
  }

  it("lists each action of the customer's tier whose condition holds", () => {
    const listed = Array.from(rows.customerIndex, (i, j) => `${frame.ids[i]}:${rows.action[j]}`)
    expect(listed).toEqual([
      'k1:call',
      'k1:mail',
      'k2:review',
      'k2:mail',
      'k3:review',
      'k3:mail',
      'k4:review',
      'k4:mail',
      'k5:call',
      'k5:mail',
      'k6:call',
      'k6:mail',
      'k7:auto',
      'k8:call',
      'k8:mail',
    ])
  })

  it("gives the account manager's actions to the customer's manager, with the due date as of + span", () => {
    expect(row('k1', 'call')).toMatchObject({ owner: '张伟', due: '2025-01-08', stake: 600 })
    expect(row('k1', 'mail')).toMatchObject({ owner: 'marketing', due: '2025-01-15' })
    expect(row('k7', 'auto')).toMatchObject({ owner: 'marketing', due: '2025-01-31', stake: 0 })
    expect(row('k8', 'call')).toMatchObject({ owner: '未分配', stake: 200, status: 'planned' })
    expect(row('k6', 'call')).toMatchObject({ owner: '李娜', stake: 50 })
  })

  it('plans the 2 of 5 actions with the highest priority, then value at stake, within capacity 2', () => {
    // High priority first: k5's call (2,100) and k1's call (600), although k4's review
    // (medium) has more at stake (2,400).
    expect(row('k5', 'call').status).toBe('planned')
    expect(row('k1', 'call').status).toBe('planned')
    const note = '张伟 本月容量 2 已用于优先级或价值更高的行动'
    for (const k of ['k4', 'k2', 'k3'])
      expect(row(k, 'review')).toMatchObject({ status: 'left_out', note })
    const owners = Object.fromEntries(plan.owners.map((o) => [o.owner, o]))
    expect(owners['张伟']).toEqual({
      owner: '张伟',
      capacity: 2,
      used: 2,
      planned: 2,
      leftOut: 3,
    })
    // '*' gives every other owner 5; actions of cost 0 never use capacity up.
    expect(owners['marketing']).toEqual({
      owner: 'marketing',
      capacity: 5,
      used: 0,
      planned: 8,
      leftOut: 0,
    })
    expect(owners['李娜']).toMatchObject({ capacity: 5, planned: 1, leftOut: 0 })
  })

  it('sums up each customer’s planned actions with owner and due date, in Chinese', () => {
    expect(plan.summary()).toEqual([
      '7 天内电话回访(张伟,2025-01-08);邮件关怀(marketing,2025-01-15)',
      '邮件关怀(marketing,2025-01-15)',
      '邮件关怀(marketing,2025-01-15)',
      '邮件关怀(marketing,2025-01-15)',
      '7 天内电话回访(张伟,2025-01-08);邮件关怀(marketing,2025-01-15)',
      '7 天内电话回访(李娜,2025-01-08);邮件关怀(marketing,2025-01-15)',
      '自动触达(marketing,2025-01-31)',
      '7 天内电话回访(未分配,2025-01-08);邮件关怀(marketing,2025-01-15)',
    ])
  })

  it('says the same in English, and why an action was left out', () => {
    const en = planActions(frame, tier, POLICY, '2025-01-01', 'en', 'monetary')
    expect(en.summary()[0]).toBe(
      'Call within 7 days (张伟, by 2025-01-08); Care e-mail (marketing, by 2025-01-15)',
    )
    // A batch of customers 4–7 gives the same sentences as the whole list.
    expect(en.summary(4, 8)).toEqual(en.summary().slice(4, 8))
    expect(en.summary(7, 8)).toEqual([
      'Call within 7 days (unassigned, by 2025-01-08); Care e-mail (marketing, by 2025-01-15)',
    ])
    const k = en.rows.status.indexOf('left_out')
    expect(en.rows.note[k]).toBe(
      "张伟's capacity of 2 this month went to actions of higher priority or more value at stake",
    )
  })

  it('plans everything when the policy sets no capacity', () => {
    const open = { ...POLICY, capacity: {} }
    const p = planActions(frame, tier, open, '2025-01-01', 'zh', 'monetary')
    expect(p.rows.status.every((s) => s === 'planned')).toBe(true)
    expect(p.owners.find((o) => o.owner === '张伟')!.capacity).toBe(Infinity)
  })
})

describe('rankedActions', () => {
  it('orders by priority, then value at stake down, then listing, as a comparison sort does', () => {
    let seed = 17
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
    // Stakes repeat (ties fall back to the listing order) and include 0 and -0, equal here.
    const pool = [0, -0, 12.5, 12.5, 3, 1e6, 0.25, -4]
    const stake = Float64Array.from({ length: 5000 }, () =>
      next() < 0.5 ? pool[Math.floor(next() * pool.length)]! : Math.round(next() * 1e4) / 100,
    )
    const rank = Array.from(stake, () => Math.floor(next() * 3))
    const expected = Array.from(stake, (_, k) => k).sort(
      (x, y) => rank[x]! - rank[y]! || stake[y]! - stake[x]! || x - y,
    )
    expect([...rankedActions(stake, rank)]).toEqual(expected)
  })

  it('puts a high-priority action of no value before a medium one of great value', () => {
    // ranks: 1 (medium), 0 (high), 0 (high), 2 (low); stakes 900, 0, 50, 1000.
    expect([...rankedActions(Float64Array.of(900, 0, 50, 1000), [1, 0, 0, 2])]).toEqual([
      2, 1, 0, 3,
    ])
  })
})
