/**
 * The analysis table (客户分级管理分析表格) in the store: one row per customer with basic
 * information, tier, segment, basis, reasons in zh and en, needs, actions, every indicator
 * and the model outputs; and the action list, one row per action. Both are written with the
 * engine's bulk path and replaced by each run.
 */
import type { ColumnValues, Engine } from '../engine/index.js'
import { INDICATORS } from '../indicators/index.js'
import { RFM_SEGMENTS } from '../models/index.js'
import type { ColumnSpec } from '../report/index.js'
import {
  FEATURE_LABELS,
  labelOf,
  type ActionPlan,
  type Assignment,
  type Frame,
  type Lang,
  type Policy,
  type Reasons,
} from '../tiering/index.js'
import { INDICATORS_TABLE } from './analysis-frame.js'

export const ANALYSIS_TABLE = 'analysis'
export const ACTIONS_TABLE = 'analysis_actions'
const RESULTS_TABLE = 'clientele_results'

const FIXED: ColumnSpec[] = [
  { name: 'customer_id', zh: '客户编号', en: 'Customer ID', unit: 'text' },
  { name: 'name', zh: '客户名称', en: 'Name', unit: 'text' },
  { name: 'tier', zh: '层级代码', en: 'Tier ID', unit: 'text' },
  { name: 'tier_name', zh: '客户层级', en: 'Tier', unit: 'text' },
  { name: 'segment', zh: '客户细分', en: 'Segment', unit: 'text' },
  { name: 'reason_zh', zh: '评级原因说明', en: 'Reason (zh)', unit: 'text' },
  { name: 'reason_en', zh: '评级原因(英文)', en: 'Reason', unit: 'text' },
  { name: 'basis', zh: '分级依据', en: 'Basis', unit: 'text' },
  { name: 'needs', zh: '需求分析', en: 'Needs', unit: 'text' },
  { name: 'actions', zh: '行动计划', en: 'Actions', unit: 'text' },
]

const FEATURES = Object.keys(FEATURE_LABELS)

export interface AnalysisParts {
  readonly frame: Frame
  readonly policy: Policy
  readonly assignment: Assignment
  readonly reasons: Reasons
  readonly needs: readonly string[]
  readonly plan: ActionPlan
  readonly lang: Lang
}

export async function writeAnalysisTables(engine: Engine, p: AnalysisParts): Promise<void> {
  const { frame, policy, assignment, lang } = p
  const segmentNames = Object.fromEntries(RFM_SEGMENTS.map((s) => [s.id, s[lang]]))
  const features = FEATURES.filter((f) => frame.numbers.has(f) || frame.texts.has(f))
  const columns: [string, string, ColumnValues][] = [
    ['customer_id', 'VARCHAR', frame.ids],
    ['tier', 'VARCHAR', Array.from(assignment.tier, (t) => policy.tiers[t]!.id)],
    ['tier_name', 'VARCHAR', Array.from(assignment.tier, (t) => policy.tiers[t]!.name[lang])],
    [
      'segment',
      'VARCHAR',
      (frame.texts.get('rfm_segment') ?? []).map((s) =>
        s === null ? null : (segmentNames[s] ?? s),
      ),
    ],
    ['reason_zh', 'VARCHAR', p.reasons.zh],
    ['reason_en', 'VARCHAR', p.reasons.en],
    ['basis', 'VARCHAR', p.reasons.basis.map((b) => b.join(', '))],
    ['needs', 'VARCHAR', p.needs],
    ['actions', 'VARCHAR', p.plan.summary],
    ...features.map((f): [string, string, ColumnValues] =>
      frame.numbers.has(f)
        ? [f, 'DOUBLE', frame.numbers.get(f)!]
        : [f, 'VARCHAR', frame.texts.get(f)!],
    ),
  ]
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${RESULTS_TABLE} (${columns.map(([n, t]) => `${n} ${t}`).join(', ')})`,
  )
  await engine.insertColumns(
    RESULTS_TABLE,
    columns.map(([, , v]) => v),
  )
  const indicatorCols = INDICATORS.filter(
    (i) => i.name !== 'name' && !features.includes(i.name),
  ).map((i) => `i.${engine.dialect.quoteIdentifier(i.name)}`)
  const order = policy.tiers
    .map((t, k) => `WHEN ${engine.dialect.quoteString(t.id)} THEN ${k}`)
    .join(' ')
  await engine.run(
    `CREATE OR REPLACE TABLE ${ANALYSIS_TABLE} AS
     SELECT r.customer_id, i.name, r.tier, r.tier_name, r.segment, r.reason_zh, r.reason_en, r.basis, r.needs, r.actions,
       ${indicatorCols.join(', ')}${features.map((f) => `, r.${f}`).join('')}
     FROM ${RESULTS_TABLE} r JOIN ${INDICATORS_TABLE} i ON i.customer_id = r.customer_id
     ORDER BY CASE r.tier ${order} END, i.monetary DESC, r.customer_id`,
  )
  await engine.run(`DROP TABLE ${RESULTS_TABLE}`)
  const a = p.plan.rows
  await engine.run(
    `CREATE OR REPLACE TABLE ${ACTIONS_TABLE} (customer_id VARCHAR, tier VARCHAR, action VARCHAR, text VARCHAR, owner VARCHAR,
      priority VARCHAR, due VARCHAR, value_at_stake DOUBLE, cost DOUBLE, status VARCHAR, reason VARCHAR)`,
  )
  await engine.insertColumns(ACTIONS_TABLE, [
    Array.from(a.customerIndex, (i) => frame.ids[i]!),
    a.tier,
    a.action,
    a.text,
    a.owner,
    a.priority,
    a.due,
    a.valueAtStake,
    a.cost,
    a.status,
    a.note,
  ])
}

/** Headers and units of the analysis table's columns, in its column order. */
export async function columnSpecs(engine: Engine): Promise<ColumnSpec[]> {
  const cols = await engine.all<{ column_name: string }>(`DESCRIBE ${ANALYSIS_TABLE}`)
  return cols.map(({ column_name: name }) => {
    const fixed = FIXED.find((f) => f.name === name)
    if (fixed) return fixed
    const ind = INDICATORS.find((i) => i.name === name)
    if (ind) return { name, zh: ind.zh, en: ind.en, unit: ind.unit }
    const l = labelOf(name)
    return { name, zh: l.zh, en: l.en.charAt(0).toUpperCase() + l.en.slice(1), unit: l.unit }
  })
}
