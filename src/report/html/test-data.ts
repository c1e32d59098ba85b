/** A small fixed report for the renderer's tests: three tiers, one customer named like markup. */
import type { ReportData } from './types.js'

const tiers = [
  { id: 'A', name: { zh: '重要客户', en: 'Key' } },
  { id: 'B', name: { zh: '发展客户', en: 'Growth' } },
  { id: 'C', name: { zh: '一般客户', en: 'Other' } },
] as const

const lorenz = (x: number) => 1 - (1 - x) ** 3

export const REPORT_DATA: ReportData = {
  asOf: '2025-01-01',
  window: '365d',
  currency: '¥',
  policy: {
    id: 'abc',
    name: { zh: 'ABC 三级', en: 'ABC three tiers' },
    description: { zh: '按消费金额分三级。', en: 'Three tiers by spend.' },
    hash: '0123456789abcdef',
  },
  value: { name: 'monetary', label: { zh: '消费金额', en: 'Spend' } },
  customers: 1234,
  totalValue: 1_234_567.5,
  tiers: [
    {
      ...tiers[0],
      description: { zh: '贡献最大的客户', en: 'The largest contributors' },
      rule: 'monetary_pct >= 0.8',
      ruleText: { zh: '消费金额 百分位 ≥ 80%', en: 'spend percentile ≥ 80%' },
      isDefault: false,
      customers: 247,
      customerShare: 0.2,
      value: 864_197.25,
      valueShare: 0.7,
      expected: { customers: [0.1, 0.15], value: [0.6, 0.9] },
      actions: [
        {
          id: 'visit',
          text: { zh: '客户经理上门拜访', en: 'Account manager visit' },
          owner: 'account_manager',
          priority: 'high',
          due: '14d',
          planned: 200,
          leftOut: 47,
        },
      ],
      top: [
        {
          id: 'C0001',
          name: '<script>alert("x")</script>',
          value: 98_765.4,
          reason: { zh: '消费金额 ¥98,765，前 1%', en: 'spend ¥98,765, top 1%' },
          actions: [{ id: 'visit', planned: true }],
        },
        {
          id: 'C0002',
          name: '张伟',
          value: 50_000,
          reason: { zh: '消费金额 ¥50,000', en: 'spend ¥50,000' },
          actions: [],
        },
      ],
    },
    {
      ...tiers[1],
      rule: 'monetary_pct >= 0.5',
      isDefault: false,
      customers: 370,
      customerShare: 0.3,
      value: 246_913.5,
      valueShare: 0.2,
      actions: [],
      top: [],
    },
    {
      ...tiers[2],
      isDefault: true,
      customers: 617,
      customerShare: 0.5,
      value: 123_456.75,
      valueShare: 0.1,
      actions: [],
      top: [],
    },
  ],
  modelWarnings: ['the spend model did not converge'],
  charts: {
    pareto: {
      points: Array.from({ length: 11 }, (_, i) => ({
        customerShare: i / 10,
        valueShare: lorenz(i / 10),
      })),
      cuts: [{ label: 'A', customerShare: 0.2, valueShare: lorenz(0.2) }],
    },
    rfm: {
      colour: 'monetary',
      cells: [
        { r: 5, f: 5, customers: 100, meanMonetary: 3000 },
        { r: 1, f: 1, customers: 300, meanMonetary: 200 },
      ],
    },
    lifecycle: {
      stages: [
        { id: 'new', customers: 100 },
        { id: 'active', customers: 600 },
        { id: 'churned', customers: 300 },
      ],
    },
  },
  chartNotes: {
    valueMap: { zh: '分级方案没有 CLV 模型。', en: 'The policy has no CLV model.' },
    channels: { zh: '客户档案中没有获客渠道。', en: 'The customer records have no channel.' },
  },
  impact: [{ tier: 'A', criterion: 'monetary_pct >= 0.8', changed: 370, to: { B: 300, C: 70 } }],
  quality: {
    tables: [
      { table: 'transactions', rows: 9876, customers: 1234, from: '2023-01-01', to: '2024-12-31' },
    ],
    findings: [
      {
        check: 'negative amounts (refunds)',
        severity: 'info',
        count: 12,
        examples: ['C0001 2024-01-02 -5'],
        action: 'counted as refunds: they reduce the customer’s net value',
      },
      {
        check: 'future dates',
        severity: 'warning',
        count: 3,
        examples: [],
        action: 'kept; an analysis only counts rows dated before its as-of date',
      },
    ],
  },
  method: {
    models: [
      {
        name: { zh: 'ABC 分析', en: 'ABC analysis' },
        detail: { zh: '按价值累计占比分类', en: 'Classes by cumulative share of value' },
        params: { a: 0.7, b: 0.9 },
      },
    ],
    indicators: [
      {
        name: 'monetary',
        label: { zh: '消费金额', en: 'Spend' },
        description: { zh: '窗口内的净消费金额', en: 'Net spend in the window' },
      },
    ],
  },
}
