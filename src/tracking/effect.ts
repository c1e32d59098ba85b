/**
 * The effect of actions (SPEC §5): for each customer who received an action, purchases
 * (distinct purchase days) and net value in the `horizon` days after the action against the
 * same number of days before it, cut at the end of the data; and the tier at the latest
 * snapshot after the action against the one before it. With a control group the effect is
 * the difference of the treated and control changes (difference in differences) with
 * Welch's interval; without one it is the treated change alone, a before/after comparison.
 */
import type { Engine } from '../engine/index.js'
import { PURCHASE } from '../indicators/index.js'
import { ClienteleError } from '../schema/index.js'
import { meanInterval, meanVariance, welchInterval, type Interval } from './effect-stats.js'
import {
  ACTION_LOG_TABLE,
  SNAPSHOTS_TABLE,
  SNAPSHOT_CUSTOMERS_TABLE,
  hasTracking,
} from './tables.js'
import { loadSheet, type SheetField } from './sheet.js'

/** The TEMP table of subjects: customer_id, action, date, grp ('treated' or 'control'). */
export const SUBJECTS_TABLE = 'clientele_effect_subjects'

const FIELDS: readonly SheetField[] = [
  {
    name: 'customer_id',
    headers: ['customer_id', 'customer', '客户编号', '客户id', '客户代码'],
    type: 'text',
    required: true,
    filled: true,
  },
  {
    name: 'action',
    headers: ['action', 'action_id', '行动', '行动编号', '措施'],
    type: 'text',
    required: false,
  },
  {
    name: 'date',
    headers: ['date', 'action_date', '日期', '行动日期', '执行日期'],
    type: 'date',
    required: true,
    filled: true,
  },
  { name: 'grp', headers: ['group', 'arm', '组别', '分组'], type: 'text', required: false },
]
const CONTROL = ['control', 'c', 'holdout', '对照', '对照组', '控制组']
const TREATED = ['treated', 'treatment', 't', 'test', '实验', '实验组', '处理组', '干预组']

/** Loads a subjects file (customer_id, action, date, optional group) into {@link SUBJECTS_TABLE}. */
export async function loadSubjects(engine: Engine, file: string): Promise<number> {
  const raw = `${SUBJECTS_TABLE}_raw`
  const { rows, found } = await loadSheet(engine, file, FIELDS, raw)
  const d = engine.dialect
  const list = (ws: string[]) => ws.map((w) => d.quoteString(w)).join(', ')
  const grp = found.has('grp') ? `lower(grp)` : `'treated'`
  const bad = found.has('grp')
    ? await engine.all<{ line: number; v: string | null }>(
        `SELECT line, grp AS v FROM ${raw} WHERE grp IS NULL OR lower(grp) NOT IN (${list([...CONTROL, ...TREATED])})
         ORDER BY line LIMIT 20`,
      )
    : []
  if (bad.length > 0)
    throw new ClienteleError('INGEST_INVALID', `${file} cannot be read`, {
      issues: bad.map((r) => ({
        code: 'INGEST_INVALID' as const,
        file,
        line: Number(r.line),
        column: 'group',
        ...(r.v === null ? {} : { value: r.v }),
        message: 'expected treated or control (实验组 or 对照组)',
      })),
    })
  await engine.run(
    `CREATE OR REPLACE TEMP TABLE ${SUBJECTS_TABLE} AS
     SELECT customer_id, ${found.has('action') ? 'action' : 'NULL'} AS action, date,
       CASE WHEN ${grp} IN (${list(CONTROL)}) THEN 'control' ELSE 'treated' END AS grp FROM ${raw}`,
  )
  await engine.run(`DROP TABLE ${raw}`)
  return rows
}

/** Takes the done actions of the action log as the treated group (no control). */
export async function doneSubjects(engine: Engine): Promise<number> {
  if (!(await hasTracking(engine)))
    throw new ClienteleError(
      'ACTION_NOT_FOUND',
      'no actions are followed yet: run clientele analyze first',
    )
  return engine.run(
    `CREATE OR REPLACE TEMP TABLE ${SUBJECTS_TABLE} AS SELECT customer_id, action, closed_on AS date,
       'treated' AS grp FROM ${ACTION_LOG_TABLE} WHERE state = 'done' AND closed_on IS NOT NULL`,
  )
}

export interface GroupOutcome {
  readonly n: number
  readonly before: number
  readonly after: number
  /** Mean of after − before per customer. */
  readonly change: number
}

export interface OutcomeEffect {
  readonly outcome: 'purchases' | 'value' | 'tier'
  readonly treated: GroupOutcome
  readonly control: GroupOutcome | null
  /** Treated change − control change, or the treated change without a control. */
  readonly effect: Interval
}

export interface EffectReport {
  readonly design: 'treated-control' | 'before-after'
  readonly note: { readonly zh: string; readonly en: string }
  readonly horizonDays: number
  /** Day after the last day observed. */
  readonly end: string
  readonly subjects: {
    readonly treated: number
    readonly control: number
    readonly excluded: number
  }
  readonly outcomes: readonly OutcomeEffect[]
}

const NOTES = {
  'treated-control': {
    zh: '实验组与对照组比较:效果 = 实验组(后 − 前)变化 − 对照组(后 − 前)变化,Welch t 区间。',
    en: 'Treated against control: the effect is the treated change (after − before) minus the control change, with a Welch t interval.',
  },
  'before-after': {
    zh: '没有对照组:仅为前后比较(before/after only),变化可能来自季节或其他原因,不能全部归于行动。',
    en: 'No control group: before/after only. The change may come from season or other causes, not only the action.',
  },
} as const

/** Measures the subjects in {@link SUBJECTS_TABLE} over `horizonDays` (default 90) before `end`. */
export async function actionEffect(
  engine: Engine,
  o: { end: string; horizonDays?: number; level?: number },
): Promise<EffectReport> {
  const d = engine.dialect
  const h = Math.max(1, Math.floor(o.horizonDays ?? 90))
  const end = d.dateLiteral(o.end)
  const len = `least(${h}, ${d.daysBetween('s.date', end)})`
  const known = `EXISTS (SELECT 1 FROM transactions x WHERE x.customer_id = s.customer_id)
    OR EXISTS (SELECT 1 FROM customers x WHERE x.customer_id = s.customer_id)`
  const subjects = `SELECT row_number() OVER (ORDER BY customer_id, date, action) AS k, s.*, ${len} AS len
    FROM ${SUBJECTS_TABLE} s WHERE s.date < ${end} AND (${known})`
  const inAfter = `t.date >= s.date AND t.date < ${d.addDays('s.date', 's.len')}`
  const inBefore = `t.date < s.date AND t.date >= ${d.addDays('s.date', '-s.len')}`
  const tracked = await hasTracking(engine)
  const rank = (cmp: string, order: string) =>
    tracked
      ? `(SELECT c.tier_rank FROM ${SNAPSHOT_CUSTOMERS_TABLE} c JOIN ${SNAPSHOTS_TABLE} n ON n.snapshot_id = c.snapshot_id
          WHERE c.customer_id = s.customer_id AND n.as_of ${cmp} s.date
            AND n.policy_id = (SELECT policy_id FROM ${SNAPSHOTS_TABLE} ORDER BY as_of DESC, snapshot_id DESC LIMIT 1)
          ORDER BY n.as_of ${order}, n.snapshot_id ${order} LIMIT 1)`
      : 'NULL'
  const c = await engine.columns(
    `SELECT s.k, s.grp,
       count(DISTINCT CASE WHEN t.purchase AND ${inBefore} THEN t.date END) AS before_p,
       count(DISTINCT CASE WHEN t.purchase AND ${inAfter} THEN t.date END) AS after_p,
       coalesce(sum(CASE WHEN ${inBefore} THEN t.amount END), 0) AS before_v,
       coalesce(sum(CASE WHEN ${inAfter} THEN t.amount END), 0) AS after_v,
       min(s.rank_before) AS before_r, min(s.rank_after) AS after_r
     FROM (SELECT s.*, ${rank('<=', 'DESC')} AS rank_before, ${rank('>', 'DESC')} AS rank_after
           FROM (${subjects}) AS s WHERE s.len >= 1) AS s
     LEFT JOIN (SELECT customer_id, date, amount, (${PURCHASE}) AS purchase FROM transactions
                WHERE status <> 'cancelled' AND date < ${end}) AS t
       ON t.customer_id = s.customer_id AND t.date >= ${d.addDays('s.date', '-s.len')} AND t.date < ${d.addDays('s.date', 's.len')}
     GROUP BY s.k, s.grp ORDER BY s.k`,
  )
  const [all] = await engine.all(`SELECT count(*) AS n FROM ${SUBJECTS_TABLE}`)
  const grp = c.grp as string[]
  const treatedMask = grp.map((g) => g === 'treated')
  const nTreated = treatedMask.filter(Boolean).length
  const nControl = grp.length - nTreated
  const design = nControl > 0 && nTreated > 0 ? 'treated-control' : 'before-after'
  const outcomes: OutcomeEffect[] = []
  const pick = (col: string, treated: boolean) =>
    Float64Array.from((c[col] as Float64Array).filter((_, i) => treatedMask[i] === treated))
  for (const [outcome, b, a, sign] of [
    ['purchases', 'before_p', 'after_p', 1],
    ['value', 'before_v', 'after_v', 1],
    // Ranks count from the best tier, so a fall in rank is a move up.
    ['tier', 'before_r', 'after_r', -1],
  ] as const) {
    const group = (treated: boolean): { out: GroupOutcome; change: Float64Array } => {
      const before = pick(b, treated)
      const after = pick(a, treated)
      const change = Float64Array.from(before, (v, i) => sign * (after[i]! - v))
      const mean = (x: Float64Array) => meanVariance(x).mean
      return {
        out: {
          n: meanVariance(change).n,
          before: mean(before),
          after: mean(after),
          change: mean(change),
        },
        change,
      }
    }
    const t = group(true)
    const ctl = design === 'treated-control' ? group(false) : null
    if (outcome === 'tier' && t.out.n === 0) continue
    outcomes.push({
      outcome,
      treated: t.out,
      control: ctl?.out ?? null,
      effect:
        ctl === null
          ? meanInterval(t.change, o.level)
          : welchInterval(t.change, ctl.change, o.level),
    })
  }
  return {
    design,
    note: NOTES[design],
    horizonDays: h,
    end: o.end,
    subjects: { treated: nTreated, control: nControl, excluded: Number(all?.n ?? 0) - grp.length },
    outcomes,
  }
}
