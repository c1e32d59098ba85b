import { describe, expect, it } from 'vitest'
import { ruleText } from './report-rules.js'

describe('ruleText', () => {
  it('reads percentile comparisons as top and bottom shares, keeping the grouping', () => {
    expect(ruleText('contribution_pct >= 0.85 and (clv_pct >= 0.5 or score >= 50)', '¥')).toEqual({
      zh: '利润贡献排名前 15% 且（预测客户终身价值排名前 50% 或 价值评分 ≥ 50）',
      en: 'contribution in the top 15% and (predicted CLV in the top 50% or value score ≥ 50)',
    })
    expect(ruleText('monetary_pct < 0.2', '¥')?.en).toBe('monetary in the bottom 20%')
  })

  it('names text values and formats amounts and days by unit', () => {
    expect(ruleText("rfm_class == 'important_value'", '¥')?.zh).toBe('RFM 类别为重要价值客户')
    expect(ruleText('monetary < 1000 and recency_days <= 30', '$')).toEqual({
      zh: '消费金额 < $1,000 且 最近购买距今 ≤ 30 天',
      en: 'monetary < $1,000 and recency ≤ 30 days',
    })
  })

  it('gives up on a rule that does not parse, so the report shows the rule as written', () => {
    expect(ruleText('monetary >', '¥')).toBeUndefined()
  })
})
