/**
 * The per-customer aggregates indicators are made from, one subquery per source table,
 * each grouped by customer and restricted to what was known before the as-of date. The
 * catalogue's formulas refer to the columns named here.
 *
 * Rules: a purchase is a completed order of zero or more; refunds are negative amounts
 * and reduce net value; cancelled orders count for nothing.
 */
import type { SqlDialect } from '../engine/index.js'

export interface Periods {
  readonly asOf: string
  /** Start of the indicator window, or undefined for the whole history. */
  readonly start: string | undefined
  /** Start of the current growth period and of the one before it (equal lengths). */
  readonly growthStart: string
  readonly previousStart: string
  /** The orders table (default `transactions`), as SQL: quoted where it needs quoting. */
  readonly orders?: string
}

export const PURCHASE = `status = 'completed' AND amount >= 0`

/** An amount in whole ten-thousandths (half up), which add exactly in any order. */
const money = (x: string) => `floor(${x} * 10000 + 0.5)`

/** Words people use for each interaction type, lower case. */
export const CONTACT_TYPES: Readonly<Record<string, readonly string[]>> = {
  calls: ['call', 'phone', 'phone call', 'telephone', '电话', '致电', '来电', '电话沟通'],
  visits: ['visit', 'onsite', 'site visit', '拜访', '上门', '上门拜访', '走访'],
  emails: ['email', 'e-mail', 'mail', '邮件', '电子邮件'],
  meetings: ['meeting', 'conference', 'video call', '会议', '会面', '视频会议'],
  wechat: ['wechat', 'weixin', 'im', 'chat', '微信', '企业微信', '在线沟通'],
  tickets: ['ticket', 'support', 'support ticket', 'service', '工单', '售后', '客服', '服务工单'],
}

export const FEEDBACK_KINDS: Readonly<Record<string, readonly string[]>> = {
  csat: ['csat', 'satisfaction', '满意度', '满意度调查', '满意度评分'],
  nps: ['nps', '推荐度', '净推荐值', '推荐意愿'],
  complaint: ['complaint', 'complaints', '投诉', '客诉'],
  review: ['review', '评价', '评论'],
  referral: ['referral', 'referrals', '推荐', '转介绍', '介绍客户'],
}

export function sourceQueries(d: SqlDialect, p: Periods): { name: string; sql: string }[] {
  const asOf = d.dateLiteral(p.asOf)
  const inWindow = p.start === undefined ? '1 = 1' : `date >= ${d.dateLiteral(p.start)}`
  const inGrowth = `date >= ${d.dateLiteral(p.growthStart)}`
  const inPrevious = `date >= ${d.dateLiteral(p.previousStart)} AND date < ${d.dateLiteral(p.growthStart)}`
  const when = (cond: string, expr: string, otherwise = 'NULL') =>
    `CASE WHEN ${cond} THEN ${expr} ELSE ${otherwise} END`
  const lower = (c: string) => d.lowerTrim(c)
  const orders = p.orders ?? 'transactions'
  const gaps =
    d.purchaseDayGaps(`(SELECT customer_id, date, max(${when(PURCHASE, '1', '0')}) AS p, sum(${money('amount')}) AS net,
          sum(${when('amount > 0', money('amount'), '0')}) AS gross,
          sum(${when('amount < 0', money('-amount'), '0')}) AS refunds, sum(${money('profit')}) AS profit
        FROM ${orders} WHERE date < ${asOf} AND status <> 'cancelled' GROUP BY customer_id, date)`)
  return [
    {
      name: 'customer',
      sql: `SELECT customer_id, name, company, phone, email, region, province, city, industry, size, type AS customer_type,
        account_manager, acquisition_channel, created_at FROM customers`,
    },
    {
      // From purchase days: the orders are first summed per customer and day, so counts of
      // distinct purchase days become counts of rows, and the dates the recency and gap
      // figures read are distinct already (counting distinct values per customer over every
      // order was most of an analysis's time at 10^7 orders). Money is added in whole
      // ten-thousandths, so every sum is exact whatever order an engine adds in, and both
      // engines give the same figures to the last bit.
      name: 'transactions',
      sql: `SELECT customer_id,
        sum(${when(`p = 1 AND ${inWindow}`, '1', '0')}) AS tw_purchase_days,
        sum(${when(inWindow, 'net', '0')}) / 10000 AS tw_net,
        sum(${when(inWindow, 'gross', '0')}) / 10000 AS tw_gross,
        sum(${when(inWindow, 'refunds', '0')}) / 10000 AS tw_refunds,
        sum(${when(inWindow, 'profit')}) / 10000 AS tw_profit,
        sum(${when(inGrowth, 'net', '0')}) / 10000 AS tg_net,
        sum(${when(inPrevious, 'net', '0')}) / 10000 AS tp_net,
        sum(${when(`p = 1 AND ${inGrowth}`, '1', '0')}) AS tg_purchase_days,
        sum(${when(`p = 1 AND ${inPrevious}`, '1', '0')}) AS tp_purchase_days,
        min(${when('p = 1', 'date')}) AS ta_first,
        max(${when('p = 1', 'date')}) AS ta_last,
        ${gaps.secondLast} AS ta_second_last,
        sum(p) AS ta_purchase_days,
        sum(net) / 10000 AS ta_net,
        ${gaps.gapStddev} AS ta_gap_sd
      FROM ${gaps.from} AS days
      GROUP BY customer_id`,
    },
    {
      // Orders and categories bought in the window, distinct over the purchases alone.
      name: 'orders',
      sql: `SELECT customer_id,
        ${d.countDistinct(`coalesce(order_id, ${d.castText('date')})`)} AS tw_orders,
        ${d.countDistinct('category')} AS tw_categories
      FROM ${orders} WHERE date < ${asOf} AND ${PURCHASE} AND ${inWindow} GROUP BY customer_id`,
    },
    {
      name: 'interactions',
      sql: `SELECT customer_id,
        sum(${when(inWindow, '1', '0')}) AS ia_contacts,
        max(date) AS ia_last,
        ${Object.entries(CONTACT_TYPES)
          .map(
            ([k, words]) =>
              `sum(${when(`${inWindow} AND ${d.oneOf(lower('type'), words)}`, '1', '0')}) AS ia_${k}`,
          )
          .join(',\n        ')}
      FROM interactions WHERE date < ${asOf} GROUP BY customer_id`,
    },
    {
      name: 'feedback',
      sql: `SELECT customer_id,
        avg(${when(`${inWindow} AND ${d.oneOf(lower('kind'), FEEDBACK_KINDS.csat!)}`, 'score')}) AS fb_sat_avg,
        ${d.argMax(when(`${d.oneOf(lower('kind'), FEEDBACK_KINDS.csat!)}`, 'score'), when(`${d.oneOf(lower('kind'), FEEDBACK_KINDS.csat!)} AND score IS NOT NULL`, 'date'))} AS fb_sat_latest,
        ${d.argMax(when(`${d.oneOf(lower('kind'), FEEDBACK_KINDS.nps!)}`, 'score'), when(`${d.oneOf(lower('kind'), FEEDBACK_KINDS.nps!)} AND score IS NOT NULL`, 'date'))} AS fb_nps_latest,
        sum(${when(`${inWindow} AND ${d.oneOf(lower('kind'), FEEDBACK_KINDS.complaint!)}`, '1', '0')}) AS fb_complaints,
        sum(${when(`${inWindow} AND ${d.oneOf(lower('kind'), FEEDBACK_KINDS.referral!)}`, '1', '0')}) AS fb_referrals
      FROM feedback WHERE date < ${asOf} GROUP BY customer_id`,
    },
    {
      name: 'campaigns',
      sql: `SELECT customer_id, sum(coalesce(exposed, 1)) AS cp_exposed, sum(coalesce(converted, 0)) AS cp_converted,
        sum(cost) AS cp_cost
      FROM campaigns WHERE date < ${asOf} AND ${inWindow} GROUP BY customer_id`,
    },
  ]
}

/** Every customer known before the as-of date: on file, or with an order before it. */
export function customerIds(d: SqlDialect, asOf: string, orders = 'transactions'): string {
  const date = d.dateLiteral(asOf)
  // A record without a creation date counts unless its only orders come later. Written
  // without UNION DISTINCT or a correlated subquery, which ClickHouse 18.16 lacks.
  return `SELECT DISTINCT customer_id FROM (SELECT customer_id FROM customers WHERE created_at < ${date}
      OR (created_at IS NULL AND customer_id NOT IN (SELECT customer_id FROM ${orders} WHERE date >= ${date}))
    UNION ALL SELECT customer_id FROM ${orders} WHERE date < ${date}) AS known`
}
