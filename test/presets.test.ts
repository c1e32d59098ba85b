// Every preset on a small store worked out by hand (SPEC §4: "Presets, each documented and
// each tested on a small hand-worked data set"). As of 2025-01-01; a 365-day window starts
// 2024-01-02. Orders are completed unless said otherwise.
import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { runAnalysis, type AnalyzeResult } from '../src/app/index.js'
import type { Engine } from '../src/engine/index.js'
import { parsePolicyText, PRESETS, resolvePolicy } from '../src/tiering/index.js'
import { cli } from './support/cli.js'
import { handStore, ordersEvery, type HandRows, type Row } from './support/store.js'

const AS_OF = '2025-01-01'
const ago = (days: number) =>
  new Date(Date.parse(AS_OF) - days * 86_400_000).toISOString().slice(0, 10)

interface Run {
  readonly result: AnalyzeResult
  readonly tiers: Record<string, string>
  readonly rows: Record<string, Record<string, unknown>>
}

async function analyse(policy: string, rows: HandRows): Promise<Run> {
  const engine: Engine = await handStore(rows)
  try {
    const result = await runAnalysis(engine, resolvePolicy(policy), {
      asOf: AS_OF,
      lang: 'zh',
      formats: [],
    })
    const all = await engine.all('SELECT * FROM analysis ORDER BY customer_id')
    return {
      result,
      tiers: Object.fromEntries(all.map((r) => [r.customer_id as string, r.tier as string])),
      rows: Object.fromEntries(all.map((r) => [r.customer_id as string, r])),
    }
  } finally {
    await engine.close()
  }
}

const prospect = { customer_id: 'P', name: '未购客户', created_at: '2024-06-01' }

describe('presets', () => {
  it('all parse, and `clientele policy b2b4` prints YAML that parses back to the same hash', () => {
    for (const name of PRESETS) expect(resolvePolicy(name).id).toBe(name)
    const r = cli(['policy', 'b2b4'])
    expect(r.status).toBe(0)
    expect(parseDocument(r.stdout).errors).toEqual([])
    expect(parsePolicyText(r.stdout, 'printed.yaml').hash).toBe(resolvePolicy('b2b4').hash)
  })

  it('abc: cumulative shares of net spend, the customer crossing 70% still A', async () => {
    // Net spend (window all): A 6,000, B 2,000, C 1,000, D 600, E 400; F bought 300 and got
    // 500 refunded (−200). Positive total 10,000. Share ranked before each: A 0, B 60%
    // (< 70%: A), C 80% (< 90%: B), D 90% (not below 90%: C), E 96% (C); F negative: C.
    const { tiers, result } = await analyse('abc', {
      transactions: [
        { customer_id: 'A', date: ago(10), amount: 6000 },
        { customer_id: 'B', date: ago(20), amount: 2000 },
        { customer_id: 'C', date: ago(30), amount: 1000 },
        { customer_id: 'D', date: ago(40), amount: 600 },
        { customer_id: 'E', date: ago(50), amount: 400 },
        { customer_id: 'F', date: ago(60), amount: 300 },
        { customer_id: 'F', date: ago(55), amount: -500, status: 'refunded' },
      ],
    })
    expect(tiers).toEqual({ A: 'a', B: 'a', C: 'b', D: 'c', E: 'c', F: 'c' })
    // A holds 8,000 of 10,000 positive value: inside its expected 60–80%.
    expect(result.tiers[0]).toMatchObject({ id: 'a', customers: 2, value: 8000, valueShare: 0.8 })
  })

  it('rfm-cn8: R, F and M against their means over the customers who bought', async () => {
    // Recent = 10 days ago, not = 200; frequent = 6 purchase days, not = 2; high = ¥3,000
    // in the window, low = ¥600. Means over the 8 buyers: R 105 days, F 4, M 1,800, so each
    // customer falls on the side its name says. P has not bought: it may not drag the mean
    // recency up (which would make every buyer "recent") and it is 一般挽留.
    const buyer = (id: string, recent: boolean, frequent: boolean, high: boolean) =>
      ordersEvery(
        id,
        ago(recent ? 10 : 200),
        frequent ? 6 : 2,
        20,
        (high ? 3000 : 600) / (frequent ? 6 : 2),
      )
    const { tiers } = await analyse('rfm-cn8', {
      customers: [prospect],
      transactions: [
        ...buyer('V', true, true, true),
        ...buyer('D', true, false, true),
        ...buyer('K', false, true, true),
        ...buyer('R', false, false, true),
        ...buyer('GV', true, true, false),
        ...buyer('GD', true, false, false),
        ...buyer('GK', false, true, false),
        ...buyer('GR', false, false, false),
      ],
    })
    expect(tiers).toEqual({
      V: 'important-value',
      D: 'important-develop',
      K: 'important-keep',
      R: 'important-retain',
      GV: 'general-value',
      GD: 'general-develop',
      GK: 'general-keep',
      GR: 'general-retain',
      P: 'general-retain',
    })
  })

  it('rfm-segments: 1–5 scores from ranks, looked up in the R × FM grid', async () => {
    // Five buyers with distinct values: doubled mid-ranks 1, 3, 5, 7, 9 score
    // 1 + ⌊5(m − 1)/8⌋ = 1, 2, 3, 4, 5. Every order is ¥1,000 a day apart, so M ranks as F.
    //   S1: 5 days ago, 5 orders → R5 F5 M5, FM 5 → champions
    //   S2: 20 days, 1 order     → R4 F1 M1, FM 1 → promising
    //   S3: 60 days, 3 orders    → R3 F3 M3, FM 3 → need attention
    //   S4: 150 days, 4 orders   → R2 F4 M4, FM 4 → at risk
    //   S5: 300 days, 2 orders   → R1 F2 M2, FM 2 → hibernating
    // P has not bought: lowest scores, lost, and no effect on the others' ranks.
    const { tiers, rows } = await analyse('rfm-segments', {
      customers: [prospect],
      transactions: [
        ...ordersEvery('S1', ago(5), 5, 10, 1000),
        ...ordersEvery('S2', ago(20), 1, 10, 1000),
        ...ordersEvery('S3', ago(60), 3, 10, 1000),
        ...ordersEvery('S4', ago(150), 4, 10, 1000),
        ...ordersEvery('S5', ago(300), 2, 10, 1000),
      ],
    })
    expect(tiers).toEqual({
      S1: 'champions',
      S2: 'promising',
      S3: 'need-attention',
      S4: 'at-risk',
      S5: 'hibernating',
      P: 'lost',
    })
    expect(['S1', 'S2', 'S3', 'S4', 'S5'].map((c) => rows[c]!.r_score)).toEqual([5, 4, 3, 2, 1])
    expect(['S1', 'S2', 'S3', 'S4', 'S5'].map((c) => rows[c]!.fm_score)).toEqual([5, 1, 3, 4, 2])
  })

  it("lifecycle: recency against each customer's own rhythm", async () => {
    // N: first purchase 10 days ago (≤ 30): new.
    // A: 5 purchases 20 days apart, last 15 days ago: 15/20 = 0.75 ≤ 2, active.
    // D: 4 purchases 30 days apart, last 90 days ago: 90/30 = 3, in (2, 4]: dormant.
    // C: 3 purchases 10 days apart, last 200 days ago: 200/10 = 20 > 4: churned.
    // R: 3 purchases 10 days apart ending 385 days ago, then one 5 days ago: the gap of 380
    //    days exceeds 4 × the earlier rhythm of 10 and the return is recent: reactivated.
    // P: on file, never bought: prospect.
    const { tiers } = await analyse('lifecycle', {
      customers: [prospect],
      transactions: [
        ...ordersEvery('N', ago(10), 1, 1, 100),
        ...ordersEvery('A', ago(15), 5, 20, 100),
        ...ordersEvery('D', ago(90), 4, 30, 100),
        ...ordersEvery('C', ago(200), 3, 10, 100),
        ...ordersEvery('R', ago(385), 3, 10, 100),
        ...ordersEvery('R', ago(5), 1, 1, 100),
      ],
    })
    expect(tiers).toEqual({
      N: 'new',
      A: 'active',
      D: 'dormant',
      C: 'churned',
      R: 'reactivated',
      P: 'prospect',
    })
  })

  it('scorecard-gsb: a customer ranked r of 8 on every indicator scores 100·(r − ½)/8', async () => {
    // B2…B8 are ordered the same way on all five indicators (monetary, frequency, recency,
    // tenure, satisfaction), so each one's percentile is (r − ½)/8 on each and its score
    // is 100·(r − ½)/8 whatever the entropy weights (they sum to 1):
    //   B8 93.75, B7 81.25 → gold (≥ 75); B6 68.75, B5 56.25 → silver (≥ 50); the rest bronze.
    // P (no orders, no survey, newest) is last on each; its missing recency counts as the
    // worst, tied with B2 (it used to count as 0 days, the best).
    const transactions: Row[] = []
    const customers: Row[] = [{ ...prospect, created_at: '2024-11-01' }]
    const feedback: Row[] = []
    for (let k = 2; k <= 8; k++) {
      const id = `B${k}`
      customers.push({ customer_id: id, name: id, created_at: `${2024 - k}-01-01` })
      transactions.push(...ordersEvery(id, ago((9 - k) * 10), k - 1, 5, 100 * (k - 1)))
      const score = [1, 1.5, 2, 2.5, 3, 4, 5][k - 2]!
      feedback.push({ customer_id: id, date: ago(20), kind: 'csat', score })
    }
    const { tiers, rows } = await analyse('scorecard-gsb', { customers, transactions, feedback })
    expect(tiers).toEqual({
      B8: 'gold',
      B7: 'gold',
      B6: 'silver',
      B5: 'silver',
      B4: 'bronze',
      B3: 'bronze',
      B2: 'bronze',
      P: 'bronze',
    })
    for (const [id, score] of [
      ['B8', 93.75],
      ['B7', 81.25],
      ['B6', 68.75],
      ['B5', 56.25],
      ['B4', 43.75],
      ['B3', 31.25],
    ] as const)
      expect(rows[id]!.score as number).toBeCloseTo(score, 9)
    expect(rows.P!.score as number).toBeLessThan(rows.B2!.score as number)
  })

  it('b2b4: the tiers that follow from contribution, and the clear-cut cases', async () => {
    // Contribution = profit in the window. Twelve customers, percentiles (r − ½)/12:
    // T1 ¥50,000 (0.958) and T2 ¥40,000 (0.875) pass contribution_pct >= 0.85; they are also
    // first on tenure, contacts, satisfaction and referrals, so their score is at least
    // 100 × 0.875 whatever the weights: premium.
    // D1–D3 (¥15,000, ¥10,000, ¥8,000: 0.79, 0.71, 0.625) pass >= 0.55 only: development.
    // G (¥300 profit now, 0.458) spent ¥1,000 against ¥100 the year before: growth 9 > 0.2,
    // potential. P bought nothing, has no CLV, is last or tied last on every scorecard
    // indicator (score ≤ 100 × 5/12) and has no growth: marginal.
    const many = (id: string, n: number, profit: number, amount: number) =>
      ordersEvery(id, ago(3), n, 12, amount / n, { profit: profit / n })
    const customers: HandRows['customers'] = [
      { ...prospect, created_at: '2024-12-01' },
      { customer_id: 'T1', name: 'T1', account_manager: '张伟', created_at: '2015-01-01' },
      { customer_id: 'T2', name: 'T2', account_manager: '张伟', created_at: '2016-01-01' },
      ...['D1', 'D2', 'D3', 'G', 'L1', 'L2', 'L3', 'L4', 'L5'].map((id) => ({
        customer_id: id,
        name: id,
        created_at: '2023-06-01',
      })),
    ]
    const lows = [
      ['L1', 100],
      ['L2', 150],
      ['L3', 200],
      ['L4', 250],
      ['L5', 400],
    ] as const
    const { tiers, rows } = await analyse('b2b4', {
      customers,
      transactions: [
        ...many('T1', 20, 50000, 200000),
        ...many('T2', 18, 40000, 160000),
        ...many('D1', 8, 15000, 60000),
        ...many('D2', 6, 10000, 40000),
        ...many('D3', 5, 8000, 32000),
        { customer_id: 'G', date: '2023-06-01', amount: 100, profit: 10 },
        { customer_id: 'G', date: ago(90), amount: 1000, profit: 300 },
        ...lows.map(([id, profit]) => ({
          customer_id: id,
          date: ago(300),
          amount: profit * 4,
          profit,
        })),
      ],
      interactions: [
        ...Array.from({ length: 10 }, (_, k) => ({
          customer_id: 'T1',
          date: ago(10 + k),
          type: 'visit',
        })),
        ...Array.from({ length: 8 }, (_, k) => ({
          customer_id: 'T2',
          date: ago(10 + k),
          type: 'call',
        })),
      ],
      feedback: [
        { customer_id: 'T1', date: ago(30), kind: 'csat', score: 5 },
        { customer_id: 'T2', date: ago(30), kind: 'csat', score: 4.5 },
        ...['T1', 'T1', 'T1', 'T2', 'T2'].map((id, k) => ({
          customer_id: id,
          date: ago(40 + k),
          kind: 'referral',
        })),
      ],
    })
    expect([tiers.T1, tiers.T2]).toEqual(['premium', 'premium'])
    expect([tiers.D1, tiers.D2, tiers.D3]).toEqual(['development', 'development', 'development'])
    expect(tiers.G).toBe('potential')
    expect(tiers.P).toBe('marginal')
    for (const [id] of lows) expect(['potential', 'marginal']).toContain(tiers[id])
    expect(rows.G!.revenue_growth).toBe(9)
    expect(rows.T1!.contribution).toBe(50000)
    for (const [id, r] of Object.entries(rows)) {
      if (id === 'P') continue
      expect(r.p_alive as number).toBeGreaterThanOrEqual(0)
      expect(r.p_alive as number).toBeLessThanOrEqual(1)
      expect(r.churn_risk as number).toBeGreaterThanOrEqual(0)
      expect(r.churn_risk as number).toBeLessThanOrEqual(1)
      expect(r.clv as number).toBeGreaterThanOrEqual(0)
    }
    expect(rows.P!.clv).toBeNull()
  })

  it('value-potential: current value by monetary, potential by CLV', async () => {
    // Eight buyers in pairs; monetary in the window, percentiles (below + ties/2)/8:
    //   S1, S2 weekly for 26 weeks at ¥300 (¥7,800; 0.625), last 3 days ago
    //   C1, C2 one ¥10,000 order 300 days ago (0.875)
    //   Q1, Q2 weekly for 26 weeks at ¥20 (¥520; 0.375), last 3 days ago
    //   X1, X2 one ¥100 order 300 days ago (0.125)
    // The one-time buyers of 300 days ago have the same summary (x = 0, same T), so the
    // same CLV, below that of anyone buying weekly: clv_pct (0 + 4/2)/8 = 0.25 for the four.
    // So S: star, C: cash cow, Q: question mark, X: low value, low potential.
    const weekly = (id: string, amount: number) => ordersEvery(id, ago(3), 26, 7, amount)
    const once = (id: string, amount: number) => [{ customer_id: id, date: ago(300), amount }]
    const { tiers, rows } = await analyse('value-potential', {
      transactions: [
        ...weekly('S1', 300),
        ...weekly('S2', 300),
        ...once('C1', 10000),
        ...once('C2', 10000),
        ...weekly('Q1', 20),
        ...weekly('Q2', 20),
        ...once('X1', 100),
        ...once('X2', 100),
      ],
    })
    expect(tiers).toEqual({
      S1: 'star',
      S2: 'star',
      C1: 'cash',
      C2: 'cash',
      Q1: 'question',
      Q2: 'question',
      X1: 'dog',
      X2: 'dog',
    })
    expect(rows.C1!.clv).toBe(rows.X1!.clv)
    for (const r of Object.values(rows)) {
      expect(r.p_alive as number).toBeGreaterThanOrEqual(0)
      expect(r.p_alive as number).toBeLessThanOrEqual(1)
      expect(r.clv as number).toBeGreaterThanOrEqual(0)
    }
  })
})
