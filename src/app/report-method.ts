/**
 * The report's method section: the models the policy ran with the parameters the run reported,
 * and the definitions of every indicator the policy and the report's charts use (from the
 * indicator catalogue; model outputs are described here).
 */
import { indicator } from '../indicators/index.js'
import type { Bilingual, ReportIndicator, ReportModel } from '../report/index.js'
import { columnsOf, labelOf, type ModelDiagnostics, type Policy } from '../tiering/index.js'

const OUTPUTS: Readonly<Record<string, Bilingual>> = {
  clv: {
    zh: '按 BTYD 模型预测的未来购买次数 × Gamma-Gamma 预测的客单价，按期折现后的客户终身价值',
    en: 'Expected future purchases (BTYD model) × expected spend per purchase (Gamma-Gamma), discounted per period',
  },
  p_alive: {
    zh: '客户仍然活跃（尚未流失）的概率',
    en: 'Probability that the customer is still active',
  },
  churn_risk: {
    zh: '在流失观察期内不再购买的概率',
    en: 'Probability of no purchase within the churn horizon',
  },
  expected_purchases: { zh: '预测期内的预期购买次数', en: 'Expected purchases within the horizon' },
  expected_spend: {
    zh: 'Gamma-Gamma 模型预测的平均客单价',
    en: 'Expected spend per purchase (Gamma-Gamma)',
  },
  contribution: {
    zh: '订单有利润数据时为利润，否则为净消费金额',
    en: 'Profit where orders carry it, net spend otherwise',
  },
  score: {
    zh: '评分卡按权重综合各指标得到的 0–100 分',
    en: 'Weighted 0–100 score of the scorecard indicators',
  },
  r_score: { zh: '最近购买的五分位得分，5 为最近', en: 'Recency quintile score, 5 = most recent' },
  f_score: {
    zh: '购买频次的五分位得分，5 为最频繁',
    en: 'Frequency quintile score, 5 = most frequent',
  },
  m_score: { zh: '消费金额的五分位得分，5 为最高', en: 'Monetary quintile score, 5 = highest' },
  rfm_class: {
    zh: 'R、F、M 分别是否优于平均值组合成的八类',
    en: 'Eight classes by whether R, F and M are better than their means',
  },
  rfm_segment: { zh: '按 R 分与 FM 分划分的细分', en: 'Segment by R score and FM score' },
  abc_class: {
    zh: '按价值从高到低累计占比划分的 A、B、C 类',
    en: 'A, B or C by cumulative share of value, highest first',
  },
  lifecycle: {
    zh: '按距上次购买天数与客户自身购买节奏之比划分的生命周期阶段',
    en: "Lifecycle stage by days since the last purchase relative to the customer's own rhythm",
  },
}

/** The indicators the policy's rules, actions, value and models read, plus `extra`. */
export function reportIndicators(policy: Policy, extra: readonly string[]): ReportIndicator[] {
  const names = new Set<string>()
  const add = (c: string) => names.add(c.endsWith('_pct') ? c.slice(0, -4) : c)
  for (const r of [...policy.rules, ...policy.actionRules.flat()]) if (r) columnsOf(r).forEach(add)
  add(policy.value)
  policy.models.scorecard?.indicators.forEach(add)
  if (policy.models.abc) add(policy.models.abc.indicator)
  extra.forEach(add)
  return [...names].flatMap((name): ReportIndicator[] => {
    const i = indicator(name)
    const label = labelOf(name)
    const description = i ? { zh: i.descriptionZh, en: i.descriptionEn } : OUTPUTS[name]
    if (description === undefined) return []
    const en = label.en.charAt(0).toUpperCase() + label.en.slice(1)
    return [{ name, label: { zh: label.zh, en }, description }]
  })
}

const MODEL_NAMES: Readonly<Record<string, string>> = {
  bgnbd: 'BG/NBD',
  pnbd: 'Pareto/NBD',
  mbgnbd: 'MBG/NBD',
}

function span(text: string): Bilingual {
  const m = /^(\d+)([dwmy])$/.exec(text)
  if (!m) return { zh: text, en: text }
  const n = Number(m[1])
  const unit = m[2] as 'd' | 'w' | 'm' | 'y'
  const en = { d: 'day', w: 'week', m: 'month', y: 'year' }[unit]
  return {
    zh: `${n} ${{ d: '天', w: '周', m: '个月', y: '年' }[unit]}`,
    en: `${n} ${en}${n === 1 ? '' : 's'}`,
  }
}

const named = (r: Readonly<Record<string, number>> | undefined, prefix = '') =>
  Object.fromEntries(Object.entries(r ?? {}).map(([k, v]) => [prefix + k, v]))

/** The models of the policy as the run reported them. */
export function reportModels(policy: Policy, d: ModelDiagnostics): ReportModel[] {
  const m = policy.models
  const out: ReportModel[] = []
  if (d.rfm) {
    out.push({
      name: { zh: 'RFM 模型', en: 'RFM' },
      detail: m.rfm
        ? {
            zh: `R、F、M 各按 ${m.rfm.bins} 分位打分；八类按是否优于${m.rfm.center === 'mean' ? '平均值' : '中位数'}`,
            en: `R, F and M scored in ${m.rfm.bins} quantiles; eight classes by whether each beats its ${m.rfm.center}`,
          }
        : {
            zh: 'R、F、M 各按五分位打分，用于 RFM 热力图',
            en: 'R, F and M scored in quintiles, for the RFM heatmap',
          },
      params: named(d.rfm.thresholds, 'mean_'),
    })
  }
  if (m.abc && d.abc) {
    out.push({
      name: { zh: 'ABC 分析', en: 'ABC analysis' },
      detail: {
        zh: `按${labelOf(m.abc.indicator).zh}从高到低累计，前 ${m.abc.thresholds[0] * 100}% 为 A 类，至 ${m.abc.thresholds[1] * 100}% 为 B 类`,
        en: `Ranked by ${labelOf(m.abc.indicator).en}; the first ${m.abc.thresholds[0] * 100}% of it is A, up to ${m.abc.thresholds[1] * 100}% B`,
      },
      params: { a_cut: d.abc.cutValues.a ?? NaN, b_cut: d.abc.cutValues.b ?? NaN },
    })
  }
  if (m.clv && d.clv) {
    const model = MODEL_NAMES[d.clv.model] ?? d.clv.model
    out.push({
      name: { zh: `CLV：${model} + Gamma-Gamma`, en: `CLV: ${model} + Gamma-Gamma` },
      detail: {
        zh: `未来 ${span(m.clv.horizon).zh} 的折现客户终身价值，年折现率 ${m.clv.annualDiscountRate * 100}%；${d.clv.distinctRows.toLocaleString('en-US')} 个不同摘要行代表 ${d.clv.customers.toLocaleString('en-US')} 位客户；${d.clv.converged ? '已收敛' : '未收敛'}`,
        en: `Discounted CLV over ${span(m.clv.horizon).en} at ${m.clv.annualDiscountRate * 100}% a year; ${d.clv.distinctRows.toLocaleString('en-US')} distinct summary rows for ${d.clv.customers.toLocaleString('en-US')} customers; ${d.clv.converged ? 'converged' : 'not converged'}`,
      },
      params: { ...d.clv.params, ...named(d.clv.spend, 'spend_') },
    })
  }
  if (m.scorecard && d.scorecard) {
    out.push({
      name: { zh: '价值评分卡', en: 'Value scorecard' },
      detail: {
        zh: `指标按${m.scorecard.normalise === 'percentile' ? '百分位' : m.scorecard.normalise}标准化后加权（${Array.isArray(m.scorecard.weights) ? '给定权重' : m.scorecard.weights === 'entropy' ? '熵权法' : 'AHP 层次分析法'}）`,
        en: `Indicators normalised (${m.scorecard.normalise}) and weighted (${Array.isArray(m.scorecard.weights) ? 'given weights' : m.scorecard.weights === 'entropy' ? 'entropy method' : 'AHP'})`,
      },
      params: d.scorecard.weights,
    })
  }
  if (m.lifecycle) {
    out.push({
      name: { zh: '客户生命周期', en: 'Customer lifecycle' },
      detail: {
        zh: '按距上次购买天数与客户自身平均购买间隔之比：≤2 倍为活跃，≤4 倍为沉睡，否则流失',
        en: 'By days since the last purchase over the customer’s mean interval: ≤ 2 active, ≤ 4 dormant, else churned',
      },
    })
  }
  return out
}
