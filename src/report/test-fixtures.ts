/** A small analysis table with Chinese names in three tiers (2, 8 and 3 customers), for tests. */
import type { Engine } from '../engine/index.js'
import type { AnalysisSummary, ColumnSpec } from './types.js'

export const COLUMNS: readonly ColumnSpec[] = [
  { name: 'customer_id', zh: '客户编号', en: 'Customer ID', unit: 'text' },
  { name: 'name', zh: '客户名称', en: 'Name', unit: 'text' },
  { name: 'tier', zh: '等级代码', en: 'Tier code', unit: 'text' },
  { name: 'tier_name', zh: '等级', en: 'Tier', unit: 'text' },
  { name: 'reason_zh', zh: '评级原因', en: 'Reason (zh)', unit: 'text' },
  { name: 'reason_en', zh: '评级原因(英文)', en: 'Reason', unit: 'text' },
  { name: 'recency_days', zh: '最近购买(天)', en: 'Recency (days)', unit: 'days' },
  { name: 'frequency', zh: '购买次数', en: 'Frequency', unit: 'count' },
  { name: 'clv', zh: '客户终身价值', en: 'CLV', unit: 'currency' },
  { name: 'p_alive', zh: '活跃概率', en: 'P(alive)', unit: 'probability' },
  { name: 'last_purchase', zh: '最近购买日期', en: 'Last purchase', unit: 'date' },
]

const TIERS = [
  { id: 'A', zh: '优质', en: 'Premium', n: 2 },
  { id: 'B', zh: '发展', en: 'Developing', n: 8 },
  { id: 'C', zh: '边缘', en: 'Marginal', n: 3 },
] as const

const SURNAMES = '张王李赵刘陈杨黄周吴徐孙胡'

/** Creates `analysis` (13 customers C01…C13) and `actions` (one per customer of tier A and B). */
export async function createFixtureTables(engine: Engine): Promise<void> {
  const rows: string[] = []
  let i = 0
  for (const tier of TIERS) {
    for (let k = 0; k < tier.n; k++, i++) {
      const id = `C${String(i + 1).padStart(2, '0')}`
      const clv = (1000 - i * 50) * (k % 2 === 0 ? 1 : 1.5)
      rows.push(
        `('${id}', '${SURNAMES[i]}${k % 2 === 0 ? '记商行' : '氏贸易'}', '${tier.id}', '${tier.zh}',
          '最近一次购买在 ${i + 3} 天前,近 12 个月 ${14 - i} 单', 'last bought ${i + 3} days ago',
          ${i + 3}, ${14 - i}, ${clv}, ${0.95 - i * 0.05}, DATE '2024-06-01' - ${i + 3})`,
      )
    }
  }
  await engine.run(`CREATE TABLE analysis (customer_id VARCHAR, name VARCHAR, tier VARCHAR,
    tier_name VARCHAR, reason_zh VARCHAR, reason_en VARCHAR, recency_days BIGINT,
    frequency BIGINT, clv DOUBLE, p_alive DOUBLE, last_purchase DATE)`)
  await engine.run(`INSERT INTO analysis VALUES ${rows.join(', ')}`)
  await engine.run(`CREATE TABLE actions AS
    SELECT customer_id, tier, CASE tier WHEN 'A' THEN '客户经理 7 天内拜访' ELSE '发送优惠券' END AS action,
      '王经理' AS owner, row_number() OVER (ORDER BY clv DESC) AS priority,
      DATE '2024-06-08' AS due, clv * (1 - p_alive) AS value_at_stake,
      CASE WHEN tier = 'A' OR clv > 800 THEN 'planned' ELSE 'left_out' END AS status,
      '按风险价值排序' AS reason
    FROM analysis WHERE tier IN ('A', 'B')`)
}

export const SUMMARY: AnalysisSummary = {
  asOf: '2024-06-01',
  policy: 'b2b-four-tiers',
  policyHash: 'sha256:0f3a',
  customers: 13,
  valueIndicator: 'clv',
  tiers: TIERS.map((t) => ({
    id: t.id,
    name: { zh: t.zh, en: t.en },
    customers: t.n,
    customerShare: t.n / 13,
    value: t.n * 1000,
    valueShare: t.n / 13,
    ...(t.id === 'A' ? { expected: { customers: [0.1, 0.2] as [number, number] } } : {}),
    withinExpected: t.id === 'A',
  })),
  warnings: ['3 位客户只购买过一次,未参与 Gamma-Gamma 拟合'],
}
