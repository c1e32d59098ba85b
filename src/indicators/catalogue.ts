/**
 * The indicator catalogue (SPEC §2, 客户价值评价指标体系): every indicator once, with its
 * meaning in Chinese and English, its unit, which direction is better, and its formula
 * over the per-customer aggregates of `sources.ts`.
 */
import type { SqlDialect } from '../engine/index.js'

export type IndicatorGroup = 'basic' | 'transaction' | 'loyalty' | 'development' | 'interaction'
export type IndicatorUnit =
  'days' | 'count' | 'currency' | 'ratio' | 'score' | 'flag' | 'date' | 'text'
/** Which values are better: higher, lower, or neither (a description, not a value). */
export type Direction = 'higher' | 'lower' | 'none'

export interface Indicator {
  readonly name: string
  readonly group: IndicatorGroup
  readonly zh: string
  readonly en: string
  readonly descriptionZh: string
  readonly descriptionEn: string
  readonly unit: IndicatorUnit
  readonly direction: Direction
  /** SQL over the joined aggregates; `asOf` is a DATE expression. */
  readonly sql: (d: SqlDialect, asOf: string) => string
}

const ratio = (num: string, den: string) => `(${num}) * 1.0 / nullif(${den}, 0)`
const col = (c: string) => () => c
const zero = (c: string) => () => `coalesce(${c}, 0)`

type Def = Omit<Indicator, 'group'>
const group = (g: IndicatorGroup, defs: Def[]): Indicator[] => defs.map((d) => ({ ...d, group: g }))
const text = (name: string, zh: string, en: string, c = name): Def => ({
  name,
  zh,
  en,
  descriptionZh: `客户档案中的${zh}`,
  descriptionEn: `${en} from the customer record`,
  unit: 'text',
  direction: 'none',
  sql: col(c),
})

export const INDICATORS: readonly Indicator[] = [
  ...group('basic', [
    text('name', '客户名称', 'Name', 'coalesce(name, company)'),
    text('company', '公司', 'Company'),
    text('region', '地区', 'Region'),
    text('province', '省份', 'Province'),
    text('city', '城市', 'City'),
    text('industry', '行业', 'Industry'),
    text('size', '规模', 'Size'),
    text('customer_type', '客户类型', 'Customer type'),
    text('account_manager', '客户经理', 'Account manager'),
    text('acquisition_channel', '获客渠道', 'Acquisition channel'),
    {
      name: 'tenure_days',
      zh: '客户年限(天)',
      en: 'Tenure (days)',
      descriptionZh: '从建档或首次购买(取较早者)到评估日的天数',
      descriptionEn:
        'Days from the customer record or first purchase, whichever is earlier, to the as-of date',
      unit: 'days',
      direction: 'higher',
      sql: (d, asOf) =>
        d.daysBetween(
          'least(coalesce(created_at, ta_first), coalesce(ta_first, created_at))',
          asOf,
        ),
    },
  ]),
  ...group('transaction', [
    {
      name: 'recency_days',
      zh: '最近购买距今(天)',
      en: 'Recency (days)',
      descriptionZh: '最近一次购买到评估日的天数(R)',
      descriptionEn: "Days from the customer's last purchase to the as-of date (R)",
      unit: 'days',
      direction: 'lower',
      sql: (d, asOf) => d.daysBetween('ta_last', asOf),
    },
    {
      name: 'frequency',
      zh: '购买频次',
      en: 'Frequency',
      descriptionZh: '窗口内有购买的不同天数(F)',
      descriptionEn: 'Distinct days with a purchase in the window (F)',
      unit: 'count',
      direction: 'higher',
      sql: zero('tw_purchase_days'),
    },
    {
      name: 'orders',
      zh: '订单数',
      en: 'Orders',
      descriptionZh: '窗口内的不同订单数(无订单号时按天计)',
      descriptionEn: 'Distinct orders in the window (by day where there is no order id)',
      unit: 'count',
      direction: 'higher',
      sql: zero('tw_orders'),
    },
    {
      name: 'monetary',
      zh: '消费金额',
      en: 'Monetary',
      descriptionZh: '窗口内的净消费金额,退款冲减(M)',
      descriptionEn: 'Net amount spent in the window, refunds deducted (M)',
      unit: 'currency',
      direction: 'higher',
      sql: zero('tw_net'),
    },
    {
      name: 'gross_revenue',
      zh: '销售额(未扣退款)',
      en: 'Gross revenue',
      descriptionZh: '窗口内的购买金额合计,不扣退款',
      descriptionEn: 'Purchases in the window before refunds',
      unit: 'currency',
      direction: 'higher',
      sql: zero('tw_gross'),
    },
    {
      name: 'refund_amount',
      zh: '退款金额',
      en: 'Refunds',
      descriptionZh: '窗口内的退款金额',
      descriptionEn: 'Amount refunded in the window',
      unit: 'currency',
      direction: 'lower',
      sql: zero('tw_refunds'),
    },
    {
      name: 'average_order_value',
      zh: '客单价',
      en: 'Average order value',
      descriptionZh: '净消费金额除以订单数',
      descriptionEn: 'Net amount divided by orders',
      unit: 'currency',
      direction: 'higher',
      sql: () => ratio('tw_net', 'tw_orders'),
    },
    {
      name: 'profit',
      zh: '利润贡献',
      en: 'Profit',
      descriptionZh: '窗口内的利润合计(无利润列时为空)',
      descriptionEn: 'Profit in the window (empty when orders carry no profit)',
      unit: 'currency',
      direction: 'higher',
      sql: col('tw_profit'),
    },
    {
      name: 'margin',
      zh: '利润率',
      en: 'Margin',
      descriptionZh: '利润除以销售额',
      descriptionEn: 'Profit divided by gross revenue',
      unit: 'ratio',
      direction: 'higher',
      sql: () => ratio('tw_profit', 'tw_gross'),
    },
    {
      name: 'purchase_interval_days',
      zh: '平均购买间隔(天)',
      en: 'Mean purchase interval (days)',
      descriptionZh: '首次到最近一次购买的天数除以购买天数减一',
      descriptionEn: 'Days from first to last purchase divided by purchase days minus one',
      unit: 'days',
      direction: 'lower',
      sql: (d) => ratio(d.daysBetween('ta_first', 'ta_last'), 'ta_purchase_days - 1'),
    },
    {
      name: 'purchase_regularity',
      zh: '购买间隔变异系数',
      en: 'Interval variation',
      descriptionZh: '购买间隔的标准差除以平均间隔,越小越规律',
      descriptionEn: 'Standard deviation of purchase gaps over their mean; lower is more regular',
      unit: 'ratio',
      direction: 'lower',
      sql: (d) =>
        ratio('ta_gap_sd', ratio(d.daysBetween('ta_first', 'ta_last'), 'ta_purchase_days - 1')),
    },
    {
      name: 'last_gap_days',
      zh: '最近两次购买间隔(天)',
      en: 'Last gap (days)',
      descriptionZh: '最近两次购买日之间的天数',
      descriptionEn: 'Days between the last two purchase days',
      unit: 'days',
      direction: 'none',
      sql: (d) => d.daysBetween('ta_second_last', 'ta_last'),
    },
    {
      name: 'category_breadth',
      zh: '购买品类数',
      en: 'Category breadth',
      descriptionZh: '窗口内购买过的不同品类数',
      descriptionEn: 'Distinct categories bought in the window',
      unit: 'count',
      direction: 'higher',
      sql: zero('tw_categories'),
    },
    {
      name: 'days_since_first_purchase',
      zh: '首次购买距今(天)',
      en: 'Days since first purchase',
      descriptionZh: '首次购买到评估日的天数',
      descriptionEn: 'Days from the first purchase to the as-of date',
      unit: 'days',
      direction: 'none',
      sql: (d, asOf) => d.daysBetween('ta_first', asOf),
    },
    {
      name: 'first_purchase',
      zh: '首次购买日期',
      en: 'First purchase',
      descriptionZh: '首次购买的日期',
      descriptionEn: 'Date of the first purchase',
      unit: 'date',
      direction: 'none',
      sql: col('ta_first'),
    },
    {
      name: 'last_purchase',
      zh: '最近购买日期',
      en: 'Last purchase',
      descriptionZh: '最近一次购买的日期',
      descriptionEn: 'Date of the last purchase',
      unit: 'date',
      direction: 'none',
      sql: col('ta_last'),
    },
    {
      name: 'purchase_days_total',
      zh: '累计购买天数',
      en: 'Purchase days (all time)',
      descriptionZh: '评估日前所有有购买的天数',
      descriptionEn: 'Days with a purchase before the as-of date',
      unit: 'count',
      direction: 'higher',
      sql: zero('ta_purchase_days'),
    },
    {
      name: 'net_value_total',
      zh: '累计净消费',
      en: 'Net value to date',
      descriptionZh: '评估日前的全部净消费金额',
      descriptionEn: 'Net amount spent before the as-of date',
      unit: 'currency',
      direction: 'higher',
      sql: zero('ta_net'),
    },
    {
      name: 'conversion_rate',
      zh: '营销转化率',
      en: 'Conversion rate',
      descriptionZh: '窗口内营销活动的转化次数除以触达次数',
      descriptionEn: 'Campaign conversions over exposures in the window',
      unit: 'ratio',
      direction: 'higher',
      sql: () => ratio('cp_converted', 'cp_exposed'),
    },
  ]),
  ...group('loyalty', [
    {
      name: 'repeat_customer',
      zh: '是否复购',
      en: 'Repeat customer',
      descriptionZh: '评估日前在两天或以上购买过为 1',
      descriptionEn: '1 when the customer bought on two or more days before the as-of date',
      unit: 'flag',
      direction: 'higher',
      sql: () => `CASE WHEN ta_purchase_days >= 2 THEN 1 ELSE 0 END`,
    },
    {
      name: 'retained',
      zh: '是否留存',
      en: 'Retained',
      descriptionZh: '上一周期有购买的客户在本周期仍有购买为 1,上一周期无购买为空',
      descriptionEn:
        '1 when a customer who bought in the previous period bought again in this one; empty if not a buyer before',
      unit: 'flag',
      direction: 'higher',
      sql: () =>
        `CASE WHEN tp_purchase_days > 0 THEN CASE WHEN tg_purchase_days > 0 THEN 1 ELSE 0 END END`,
    },
    {
      name: 'satisfaction_avg',
      zh: '平均满意度',
      en: 'Satisfaction (mean)',
      descriptionZh: '窗口内满意度评分的平均值',
      descriptionEn: 'Mean satisfaction score in the window',
      unit: 'score',
      direction: 'higher',
      sql: col('fb_sat_avg'),
    },
    {
      name: 'satisfaction_latest',
      zh: '最近满意度',
      en: 'Satisfaction (latest)',
      descriptionZh: '最近一次满意度评分',
      descriptionEn: 'The latest satisfaction score',
      unit: 'score',
      direction: 'higher',
      sql: col('fb_sat_latest'),
    },
    {
      name: 'nps_score',
      zh: '推荐意愿(NPS)',
      en: 'NPS score',
      descriptionZh: '最近一次推荐意愿评分(0–10)',
      descriptionEn: 'The latest likelihood-to-recommend score (0–10)',
      unit: 'score',
      direction: 'higher',
      sql: col('fb_nps_latest'),
    },
    {
      name: 'nps_class',
      zh: 'NPS 类别',
      en: 'NPS class',
      descriptionZh: '推荐者(9–10)、中立者(7–8)、贬损者(0–6)',
      descriptionEn: 'Promoter (9–10), passive (7–8), detractor (0–6)',
      unit: 'text',
      direction: 'none',
      sql: () =>
        `CASE WHEN fb_nps_latest >= 9 THEN 'promoter' WHEN fb_nps_latest >= 7 THEN 'passive' WHEN fb_nps_latest IS NOT NULL THEN 'detractor' END`,
    },
    {
      name: 'complaints',
      zh: '投诉次数',
      en: 'Complaints',
      descriptionZh: '窗口内的投诉次数',
      descriptionEn: 'Complaints in the window',
      unit: 'count',
      direction: 'lower',
      sql: zero('fb_complaints'),
    },
    {
      name: 'complaint_rate',
      zh: '投诉率',
      en: 'Complaint rate',
      descriptionZh: '窗口内投诉次数除以订单数',
      descriptionEn: 'Complaints per order in the window',
      unit: 'ratio',
      direction: 'lower',
      sql: () => ratio('coalesce(fb_complaints, 0)', 'tw_orders'),
    },
    {
      name: 'referrals',
      zh: '推荐客户数',
      en: 'Referrals',
      descriptionZh: '窗口内推荐或转介绍的次数',
      descriptionEn: 'Referrals made in the window',
      unit: 'count',
      direction: 'higher',
      sql: zero('fb_referrals'),
    },
  ]),
  ...group('development', [
    {
      name: 'revenue_growth',
      zh: '收入增长率',
      en: 'Revenue growth',
      descriptionZh: '本周期净消费相对上一等长周期的增长率(上一周期为零时为空)',
      descriptionEn:
        'Net spend this period against the previous period of equal length (empty when that was zero)',
      unit: 'ratio',
      direction: 'higher',
      sql: () => ratio('coalesce(tg_net, 0) - tp_net', 'abs(tp_net)'),
    },
  ]),
  ...group('interaction', [
    {
      name: 'contacts',
      zh: '接触次数',
      en: 'Contacts',
      descriptionZh: '窗口内的全部接触次数',
      descriptionEn: 'All contacts in the window',
      unit: 'count',
      direction: 'higher',
      sql: zero('ia_contacts'),
    },
    {
      name: 'days_since_contact',
      zh: '距上次接触(天)',
      en: 'Days since contact',
      descriptionZh: '最近一次接触到评估日的天数',
      descriptionEn: 'Days from the last contact to the as-of date',
      unit: 'days',
      direction: 'lower',
      sql: (d, asOf) => d.daysBetween('ia_last', asOf),
    },
    ...(
      [
        ['calls', '电话次数', 'Calls'],
        ['visits', '拜访次数', 'Visits'],
        ['emails', '邮件次数', 'Emails'],
        ['meetings', '会议次数', 'Meetings'],
        ['wechat', '微信沟通次数', 'WeChat contacts'],
        ['tickets', '服务工单数', 'Support tickets'],
      ] as const
    ).map(([k, zh, en]): Def => ({
      name: `contacts_${k}`,
      zh,
      en,
      descriptionZh: `窗口内的${zh}`,
      descriptionEn: `${en} in the window`,
      unit: 'count',
      direction: k === 'tickets' ? 'none' : 'higher',
      sql: zero(`ia_${k}`),
    })),
  ]),
]

const BY_NAME = new Map(INDICATORS.map((i) => [i.name, i]))

/** The indicator called `name`, or undefined. */
export function indicator(name: string): Indicator | undefined {
  return BY_NAME.get(name)
}
