/**
 * The report's tiers: each tier's shares from the run, its definition and rule from the policy,
 * its actions with how many were planned and left out (one GROUP BY over the action list), and
 * its highest-value customers with their reasons (a window query returning a few rows per tier).
 */
import type { Engine } from '../engine/index.js'
import type { ReportCustomer, ReportTier } from '../report/index.js'
import type { Policy, TierShare } from '../tiering/index.js'
import { ACTIONS_TABLE, ANALYSIS_TABLE } from './analysis-tables.js'
import { ruleText } from './report-rules.js'

/** Customers listed per tier in the report. */
export const TOP_CUSTOMERS = 5

async function actionCounts(
  engine: Engine,
): Promise<Map<string, { planned: number; leftOut: number }>> {
  const rows = await engine.all(
    `SELECT tier, action, status, count(*) AS n FROM ${ACTIONS_TABLE} GROUP BY tier, action, status`,
  )
  const out = new Map<string, { planned: number; leftOut: number }>()
  for (const r of rows) {
    const key = `${r.tier}\u0000${r.action}`
    const c = out.get(key) ?? { planned: 0, leftOut: 0 }
    if (r.status === 'planned') c.planned += Number(r.n)
    else c.leftOut += Number(r.n)
    out.set(key, c)
  }
  return out
}

async function topCustomers(engine: Engine, value: string): Promise<Map<string, ReportCustomer[]>> {
  const v = engine.dialect.quoteIdentifier(value)
  const top = `SELECT customer_id, name, tier, CAST(${v} AS DOUBLE) AS value, reason_zh, reason_en FROM (
      SELECT *, row_number() OVER (PARTITION BY tier ORDER BY ${v} DESC NULLS LAST, customer_id) AS k
      FROM ${ANALYSIS_TABLE}) AS ranked WHERE k <= ${TOP_CUSTOMERS}`
  const rows = await engine.all(
    `SELECT t.*, (SELECT ${engine.dialect.stringAgg(`a.status || ':' || a.action`, '|')} FROM ${ACTIONS_TABLE} a
       WHERE a.customer_id = t.customer_id) AS actions
     FROM (${top}) AS t ORDER BY t.tier, t.value DESC NULLS LAST, t.customer_id`,
  )
  const out = new Map<string, ReportCustomer[]>()
  for (const r of rows) {
    const list = out.get(String(r.tier)) ?? []
    list.push({
      id: String(r.customer_id),
      name: r.name === null || r.name === undefined ? null : String(r.name),
      value: r.value === null ? NaN : Number(r.value),
      reason: { zh: String(r.reason_zh ?? ''), en: String(r.reason_en ?? '') },
      // planned first: the aggregate sorts 'left_out:…' before 'planned:…'
      actions: (r.actions === null || r.actions === undefined ? [] : String(r.actions).split('|'))
        .map((s) => ({ id: s.slice(s.indexOf(':') + 1), planned: s.startsWith('planned:') }))
        .sort((a, b) => Number(b.planned) - Number(a.planned)),
    })
    out.set(String(r.tier), list)
  }
  return out
}

/** The tiers of the run, in policy order, with what the report says about each. */
export async function reportTiers(
  engine: Engine,
  policy: Policy,
  shares: readonly TierShare[],
  currency: string,
): Promise<ReportTier[]> {
  const counts = await actionCounts(engine)
  const top = await topCustomers(engine, policy.value)
  return policy.tiers.map((tier) => {
    const share = shares.find((s) => s.id === tier.id)
    const text = tier.when === undefined ? undefined : ruleText(tier.when, currency)
    return {
      id: tier.id,
      name: tier.name,
      ...(tier.description && { description: tier.description }),
      ...(tier.when !== undefined && { rule: tier.when }),
      ...(text && { ruleText: text }),
      isDefault: tier.id === policy.default,
      customers: share?.customers ?? 0,
      customerShare: share?.customerShare ?? 0,
      value: share?.value ?? 0,
      valueShare: share?.valueShare ?? 0,
      ...(tier.expected && { expected: tier.expected }),
      actions: tier.actions.map((a) => {
        const c = counts.get(`${tier.id}\u0000${a.id}`)
        const whenText = a.when === undefined ? undefined : ruleText(a.when, currency)
        return {
          id: a.id,
          text: a.text,
          ...(a.when !== undefined && { when: a.when }),
          ...(whenText && { whenText }),
          owner: a.owner,
          priority: a.priority,
          due: a.due,
          planned: c?.planned ?? 0,
          leftOut: c?.leftOut ?? 0,
        }
      }),
      top: top.get(tier.id) ?? [],
    }
  })
}
