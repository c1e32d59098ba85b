/**
 * Bilingual values of the interactions, feedback, surveys and campaigns tables, as
 * `[zh, en]` pairs (see vocab-commerce.ts).
 */
import type { Label } from './vocab-commerce.js'

export interface InteractionType {
  readonly label: Label
  readonly channels: readonly Label[]
  /** Support tickets have their own outcomes; the rest are sales contacts. */
  readonly support: boolean
}

const t = (zh: string, en: string, channels: Label[], support = false): InteractionType => ({
  label: [zh, en],
  channels,
  support,
})

export const INTERACTION_TYPES = {
  call: t('电话', 'call', [
    ['客服热线', 'hotline'],
    ['销售外呼', 'outbound call'],
  ]),
  visit: t('拜访', 'visit', [['上门拜访', 'on-site']]),
  wechat: t('微信', 'WeChat', [['企业微信', 'WeCom']]),
  email: t('邮件', 'email', [['电子邮件', 'email']]),
  meeting: t('会议', 'meeting', [
    ['线上会议', 'online'],
    ['现场会议', 'on-site'],
  ]),
  ticket: t('售后工单', 'support ticket', [['客服系统', 'service desk']], true),
  social: t('社交媒体', 'social', [
    ['微博', 'Weibo'],
    ['小红书', 'Xiaohongshu'],
  ]),
} as const

export type InteractionKind = keyof typeof INTERACTION_TYPES
export const B2B_INTERACTIONS: readonly [InteractionKind, number][] = [
  ['call', 0.3],
  ['visit', 0.15],
  ['wechat', 0.25],
  ['email', 0.15],
  ['meeting', 0.08],
  ['ticket', 0.07],
]
export const B2C_INTERACTIONS: readonly [InteractionKind, number][] = [
  ['call', 0.15],
  ['wechat', 0.35],
  ['email', 0.1],
  ['ticket', 0.25],
  ['social', 0.15],
]

/** Sales-contact outcomes, from best to worst. */
export const SALES_OUTCOMES: readonly Label[] = [
  ['成交', 'deal closed'],
  ['达成意向', 'interested'],
  ['需跟进', 'follow-up needed'],
  ['暂无需求', 'no need now'],
  ['无回应', 'no response'],
]
export const SUPPORT_OUTCOMES: readonly Label[] = [
  ['已解决', 'resolved'],
  ['处理中', 'in progress'],
  ['升级处理', 'escalated'],
]

export const FEEDBACK_KINDS = {
  csat: ['满意度', 'csat'],
  nps: ['NPS', 'nps'],
  complaint: ['投诉', 'complaint'],
  referral: ['推荐', 'referral'],
  review: ['评价', 'review'],
} as const satisfies Record<string, Label>

export interface ServiceArea {
  readonly label: Label
  /** Mean CSAT (1–5) of an average customer in this area. */
  readonly mean: number
  readonly complaints: readonly Label[]
}

export const SERVICE_AREAS: readonly ServiceArea[] = [
  {
    label: ['产品质量', 'product quality'],
    mean: 4.1,
    complaints: [
      ['收到的产品有质量问题', 'the product arrived with defects'],
      ['产品与描述不符', 'the product did not match its description'],
      ['同一批次多件损坏', 'several items in one batch were damaged'],
    ],
  },
  {
    label: ['交付', 'delivery'],
    mean: 3.9,
    complaints: [
      ['发货延迟一周', 'shipping was a week late'],
      ['物流信息长时间不更新', 'tracking was not updated for days'],
      ['包装破损', 'the packaging was broken'],
    ],
  },
  {
    label: ['售后服务', 'after-sales service'],
    mean: 3.8,
    complaints: [
      ['退换货流程太慢', 'the return took too long'],
      ['客服电话一直打不通', 'could not get through to support'],
      ['问题反复出现未解决', 'the same problem keeps coming back'],
    ],
  },
  {
    label: ['价格', 'price'],
    mean: 3.4,
    complaints: [
      ['价格比同行高', 'prices are higher than competitors'],
      ['优惠活动规则不清楚', 'the discount rules were unclear'],
      ['发票金额有误', 'the invoice amount was wrong'],
    ],
  },
  {
    label: ['沟通', 'communication'],
    mean: 4.0,
    complaints: [
      ['客户经理回复不及时', 'the account manager replies slowly'],
      ['多次沟通仍未确认需求', 'requirements still unclear after several calls'],
      ['通知信息不准确', 'notifications were inaccurate'],
    ],
  },
]

export const REVIEWS: Readonly<Record<'good' | 'bad', readonly Label[]>> = {
  good: [
    ['质量很好，会回购', 'good quality and will buy again'],
    ['物流很快，包装完好', 'fast delivery and well packed'],
    ['性价比高', 'good value for money'],
  ],
  bad: [
    ['质量一般', 'mediocre quality'],
    ['和图片差别较大', 'looks different from the pictures'],
    ['用了几天就坏了', 'broke after a few days'],
  ],
}

export const REFERRALS = {
  b2b: ['推荐同行企业', 'referred a peer company'],
  b2c: ['推荐朋友购买', 'referred a friend'],
} as const satisfies Record<string, Label>

/** KANO answers, in the order of the standard questionnaire. */
export const KANO_ANSWERS = {
  like: ['喜欢', 'like'],
  mustBe: ['理所当然', 'must-be'],
  neutral: ['无所谓', 'neutral'],
  liveWith: ['能忍受', 'live with'],
  dislike: ['不喜欢', 'dislike'],
} as const satisfies Record<string, Label>

/** KANO categories: Attractive, One-dimensional, Must-be, Indifferent. */
export type KanoCategory = 'A' | 'O' | 'M' | 'I'

export interface KanoFeature {
  readonly label: Label
  /** The category most respondents' answers fall in, for B2B and B2C respondents. */
  readonly b2b: KanoCategory
  readonly b2c: KanoCategory
}

export const KANO_FEATURES: readonly KanoFeature[] = [
  { label: ['电子发票', 'e-invoice'], b2b: 'M', b2c: 'M' },
  { label: ['质量保证与退换货', 'quality guarantee and returns'], b2b: 'M', b2c: 'M' },
  { label: ['次日达配送', 'next-day delivery'], b2b: 'O', b2c: 'O' },
  { label: ['专属客户经理', 'dedicated account manager'], b2b: 'O', b2c: 'I' },
  { label: ['个性化推荐', 'personalised recommendations'], b2b: 'A', b2c: 'A' },
  { label: ['会员积分权益', 'loyalty points'], b2b: 'I', b2c: 'A' },
]

export interface CampaignMedium {
  /** Part of the campaign id. */
  readonly code: string
  /** Cost per targeted customer, CNY. */
  readonly cost: number
  /** Share of targeted customers actually reached. */
  readonly reach: number
}

export const CAMPAIGN_MEDIA: readonly CampaignMedium[] = [
  { code: 'SMS', cost: 0.05, reach: 0.95 },
  { code: 'EMAIL', cost: 0.02, reach: 0.8 },
  { code: 'CALL', cost: 3, reach: 0.6 },
  { code: 'WECHAT', cost: 0.01, reach: 0.9 },
]
