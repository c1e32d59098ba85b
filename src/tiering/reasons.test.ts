import { describe, expect, it } from 'vitest'
import { assignTiers } from './assign.js'
import { addPercentiles } from './features.js'
import type { Frame } from './frame.js'
import { parsePolicyText } from './policy.js'
import { explainTiers, type ReasonOptions } from './reasons.js'

const twoTier = (when: string, top = { zh: '明星客户', en: 'Stars' }) =>
  parsePolicyText(
    `id: stars
name: { zh: 明星, en: Stars }
tiers:
  - id: star
    name: { zh: ${top.zh}, en: ${top.en} }
    when: ${when}
  - id: rest
    name: { zh: 其他客户, en: Others }
default: rest
`,
    'stars.yaml',
  )

const YEAR: ReasonOptions = {
  currency: '¥',
  window: { zh: '近 365 天', en: 'in the last 365 days' },
}

/**
 * Twenty customers c01…c20:
 * - recency_days: c01–c04 bought 12 days ago, c05…c20 10·k days ago (50 … 200);
 * - frequency: c01 and c02 14, c03…c20 1, 1, 2, 2, …, 9, 9;
 * - monetary: c01 ¥86,000, c02 ¥50,000, c03…c20 ¥1,000 … ¥18,000.
 * Mid-rank percentiles, (below + ties/2)/20:
 * - c01: recency (0 + 4/2)/20 = 0.10 (lower is better: top 10%); frequency (18 + 2/2)/20 =
 *   0.95 (top 5%); monetary (19 + 1/2)/20 = 0.975 (top 2.5%, said as 3%).
 * - c02: as c01 but monetary (18 + 1/2)/20 = 0.925 < 0.95 (top 7.5%, said as 8%).
 * - c03: frequency 1, (0 + 1)/20 = 0.05 (bottom 5%); monetary ¥1,000, 0.5/20 (bottom 3%).
 * - c20: recency 200, 19.5/20 (bottom 3%); frequency 9, (16 + 1)/20 = 0.85 (top 15%).
 */
function twentyCustomers(): Frame {
  const k = Array.from({ length: 20 }, (_, i) => i + 1)
  const f: Frame = {
    n: 20,
    ids: k.map((x) => `c${String(x).padStart(2, '0')}`),
    numbers: new Map([
      ['recency_days', Float64Array.from(k, (x) => (x <= 4 ? 12 : 10 * x))],
      ['frequency', Float64Array.from(k, (x) => (x <= 2 ? 14 : Math.floor((x - 3) / 2) + 1))],
      [
        'monetary',
        Float64Array.from(k, (x) => (x === 1 ? 86000 : x === 2 ? 50000 : 1000 * (x - 2))),
      ],
    ]),
    texts: new Map(),
  }
  addPercentiles(f, ['recency_days', 'frequency', 'monetary'])
  return f
}

const STAR_RULE = 'recency_days_pct <= 0.1 and frequency_pct >= 0.9 and monetary_pct >= 0.95'

describe('explainTiers: golden sentences', () => {
  const frame = twentyCustomers()
  const policy = twoTier(STAR_RULE)
  const a = assignTiers(frame, policy)
  const r = explainTiers(frame, policy, a, YEAR)

  it('computes the percentiles the sentences rank by', () => {
    expect(frame.numbers.get('recency_days_pct')![0]).toBeCloseTo(0.1, 15)
    expect(frame.numbers.get('frequency_pct')![0]).toBeCloseTo(0.95, 15)
    expect(frame.numbers.get('monetary_pct')![0]).toBeCloseTo(0.975, 15)
    expect(frame.numbers.get('monetary_pct')![1]).toBeCloseTo(0.925, 15)
    expect(Array.from(a.tier).filter((t) => t === 0)).toEqual([0])
  })

  it('gives a batch of customers the sentences of the whole list', () => {
    const part = explainTiers(frame, policy, a, YEAR, { start: 5, end: 12 })
    expect(part).toEqual({
      zh: r.zh.slice(5, 12),
      en: r.en.slice(5, 12),
      basis: r.basis.slice(5, 12),
    })
  })

  it('cites every comparison that held, in Chinese', () => {
    // 10% and 5% must not become 11% and 6%: 0.1 × 100 and 1 − 0.95 are not exact in floating point.
    expect(r.zh[0]).toBe(
      '最近一次购买在 12 天前(前 10%),近 365 天购买 14 次(前 5%),近 365 天消费 ¥86,000(前 3%)',
    )
  })

  it('cites every comparison that held, in English', () => {
    expect(r.en[0]).toBe(
      'last purchase 12 days ago (top 10%); bought 14 times in the last 365 days (top 5%); spent ¥86,000 in the last 365 days (top 3%)',
    )
    expect(r.basis[0]).toEqual(['recency_days', 'frequency', 'monetary'])
  })

  it('explains the default tier by the conditions of the tier above it that failed', () => {
    expect(r.zh[1]).toBe('未达到明星客户的条件:近 365 天消费 ¥50,000(前 8%)')
    expect(r.en[1]).toBe(
      'did not meet the conditions for Stars: spent ¥50,000 in the last 365 days (top 8%)',
    )
    expect(r.basis[1]).toEqual(['monetary'])
  })

  it('cites at most two failed conditions, ranked from the bottom where the customer is', () => {
    expect(r.zh[2]).toBe(
      '未达到明星客户的条件:近 365 天购买 1 次(后 5%),近 365 天消费 ¥1,000(后 3%)',
    )
    expect(r.en[2]).toBe(
      'did not meet the conditions for Stars: bought once in the last 365 days (bottom 5%); spent ¥1,000 in the last 365 days (bottom 3%)',
    )
    expect(r.zh[19]).toBe(
      '未达到明星客户的条件:最近一次购买在 200 天前(后 3%),近 365 天购买 9 次(前 15%)',
    )
    expect(r.en[19]).toBe(
      'did not meet the conditions for Stars: last purchase 200 days ago (bottom 3%); bought 9 times in the last 365 days (top 15%)',
    )
    expect(r.basis[19]).toEqual(['recency_days', 'frequency'])
  })

  it('writes the currency given, and the window words given', () => {
    const usd = explainTiers(frame, policy, a, {
      currency: '$',
      window: { zh: '累计', en: 'in total' },
    })
    expect(usd.zh[0]).toBe(
      '最近一次购买在 12 天前(前 10%),累计购买 14 次(前 5%),累计消费 $86,000(前 3%)',
    )
    expect(usd.en[0]).toBe(
      'last purchase 12 days ago (top 10%); bought 14 times in total (top 5%); spent $86,000 in total (top 3%)',
    )
  })
})

describe('explainTiers: other phrases', () => {
  it('says a rule on a column and on its percentile once', () => {
    const frame = twentyCustomers()
    const policy = twoTier('monetary >= 80000 and monetary_pct >= 0.95')
    const r = explainTiers(frame, policy, assignTiers(frame, policy), YEAR)
    expect(r.zh[0]).toBe('近 365 天消费 ¥86,000(前 3%)')
    expect(r.basis[0]).toEqual(['monetary'])
  })

  it('cites only the branch of an or that held', () => {
    const frame = twentyCustomers()
    const policy = twoTier('monetary_pct >= 0.95 or frequency >= 14')
    const r = explainTiers(frame, policy, assignTiers(frame, policy), YEAR)
    // c02 is in by frequency alone.
    expect(r.en[1]).toBe('bought 14 times in the last 365 days (top 5%)')
  })

  it('says "no purchase yet" for a customer without a last purchase', () => {
    const frame: Frame = {
      n: 3,
      ids: ['a', 'b', 'p'],
      numbers: new Map([['recency_days', Float64Array.of(5, 40, NaN)]]),
      texts: new Map(),
    }
    const policy = twoTier('recency_days <= 30', { zh: '活跃客户', en: 'Active' })
    const r = explainTiers(frame, policy, assignTiers(frame, policy), YEAR)
    expect([r.zh[2], r.en[2]]).toEqual([
      '未达到活跃客户的条件:尚无购买记录',
      'did not meet the conditions for Active: no purchase yet',
    ])
    // Without a percentile column there is no rank to give.
    expect([r.zh[0], r.en[0]]).toEqual(['最近一次购买在 5 天前', 'last purchase 5 days ago'])
  })

  it('names model classes by their zh / en names and other indicators by their labels', () => {
    const frame: Frame = {
      n: 2,
      ids: ['a', 'b'],
      numbers: new Map([
        ['satisfaction_avg', Float64Array.of(4.5, 2)],
        ['contribution', Float64Array.of(485554, 10)],
      ]),
      texts: new Map([['rfm_class', ['important_value', 'general_keep']]]),
    }
    const policy = twoTier(
      "rfm_class == 'important_value' and satisfaction_avg >= 4 and contribution > 1000",
    )
    const r = explainTiers(frame, policy, assignTiers(frame, policy), YEAR)
    expect(r.zh[0]).toBe('RFM 类别:重要价值客户,平均满意度 4.5,利润贡献 ¥485,554')
    expect(r.en[0]).toBe('RFM class: Important value; satisfaction 4.5; contribution ¥485,554')
    expect(r.en[1]).toBe(
      'did not meet the conditions for Stars: RFM class: General to keep; satisfaction 2',
    )
  })
})
