/**
 * Action plans on a ClickHouse store (行动计划, 优化资源配置), equal to `planActions`. The
 * actions each customer gets (its tier's actions whose condition holds), their owners and
 * the value at stake are computed in the cluster: conditions compiled to SQL as the tier
 * rules are, one row per (customer, slot) in the working table `acts`.
 *
 * Capacity is spent greedily, best first: an action is planned while its cost fits in what
 * its owner has left, and a later, cheaper action may still fit, so whether an action is
 * planned depends on every action ranked before it for that owner. That walk runs in Node
 * with the DuckDB path's `CapacityPlanner`, over the actions of owners with a finite
 * capacity only, in pages of a ranking sorted in the cluster (priority, value at stake
 * descending, customer id, slot — the DuckDB path's order; 18.16 has no window functions,
 * so the rank comes from one sorted array on the server). The actions it leaves out go back
 * page by page; owners without a capacity plan everything and are counted in SQL.
 */
import { sumByKey } from '../engine/index.js'
import {
  CapacityPlanner,
  PRIORITY_RANK,
  UNASSIGNED,
  actionSlots,
  compileRule,
  type ActionSlot,
  type Lang,
  type OwnerLoad,
  type Policy,
} from '../tiering/index.js'
import type { ClusterRun } from './cluster-run.js'
import type { TextSource } from './cluster-source.js'

export interface ClusterPlan {
  /** Working table of every action: page, customer_id, slot, owner and status. */
  readonly rows: string
  /** Working table laid out as the store's `analysis_actions`. */
  readonly table: string
  readonly slots: readonly ActionSlot[]
  readonly planned: number
  readonly leftOut: number
  readonly owners: readonly OwnerLoad[]
}

/** The rank order of actions, best first, as a tuple that sorts ascending. */
const RANK = ['prank', '-stake', 'customer_id', 'slot']

function literals(run: ClusterRun, values: readonly (string | number)[], type: string): string {
  if (values.length === 0) return `CAST([] AS Array(${type}))`
  const q = (v: string | number) =>
    typeof v === 'string' ? run.engine.dialect.quoteString(v) : `to${type}(${v})`
  return `[${values.map(q).join(', ')}]`
}

/** The working table `acts`: one row per action a customer gets (see the module comment). */
async function enumerate(
  run: ClusterRun,
  src: TextSource,
  policy: Policy,
  slots: readonly ActionSlot[],
  lang: Lang,
): Promise<string> {
  const d = run.engine.dialect
  const k = src.kinds
  const at = (values: readonly (string | number)[], type: string) =>
    `${literals(run, values, type)}[slot_ + 1]`
  const holds = slots.map(({ action, tier }, s) => {
    const j = policy.tiers[tier]!.actions.indexOf(action)
    const rule = policy.actionRules[tier]![j]
    const when = `tiers.${tier}.actions.${j}.when`
    const cond = rule === undefined ? '1' : compileRule(rule, d, k, when)
    // Comparisons of Nullable columns are Nullable in 18.16, and arrayFilter wants UInt8.
    return `toUInt8(ifNull(if(tier_index = ${tier}, ${cond}, 0), 0)) AS h${s}`
  })
  const chosen =
    slots.length === 0
      ? 'CAST([] AS Array(UInt32))'
      : `arrayFilter((s_, h_) -> h_ = 1, range(${slots.length}), [${slots.map((_, s) => `h${s}`).join(', ')}])`
  const manager = k.has('account_manager')
    ? `ifNull(account_manager, ${d.quoteString(UNASSIGNED[lang])})`
    : d.quoteString(UNASSIGNED[lang])
  const byManager = slots.map(({ action }) => (action.owner === 'account_manager' ? 1 : 0))
  const owner = `if(${at(byManager, 'UInt8')} = 1, ${manager}, ${at(
    slots.map(({ action }) => action.owner),
    'String',
  )})`
  const num = (c: string) => `assumeNotNull(${d.quoteIdentifier(c)})`
  const missing = (c: string) => `coalesce(isNaN(${d.quoteIdentifier(c)}), 1)`
  const value = `if(${missing(policy.value)}, 0, ${num(policy.value)})`
  const churn = k.has('churn_risk') ? num('churn_risk') : '1'
  const stake = k.has('clv') ? `if(${missing('clv')}, ${value}, ${num('clv')} * ${churn})` : value
  return run.create(
    'acts',
    '(page, customer_id, slot)',
    `SELECT page, customer_id, toUInt32(slot_) AS slot, ${owner} AS owner, toFloat64(${stake}) AS stake,
       ${at(
         slots.map(({ action }) => PRIORITY_RANK[action.priority]),
         'UInt8',
       )} AS prank, ${at(
         slots.map(({ action }) => action.cost),
         'Float64',
       )} AS cost
     FROM (SELECT *${holds.map((h) => `, ${h}`).join('')} FROM ${src.table})
     ARRAY JOIN ${chosen} AS slot_`,
  )
}

type OwnerCount = {
  readonly owner: string
  readonly n: number
  readonly used: number
}

/**
 * Walks the actions of owners with a finite capacity in rank order, a page at a time, and
 * writes the ones left out to the working table `left`; returns the notes saying why.
 */
async function spendCapacity(
  run: ClusterRun,
  acts: string,
  slots: readonly ActionSlot[],
  planner: CapacityPlanner,
  finite: readonly OwnerCount[],
  all: boolean,
  pageSize: number,
): Promise<{ left: string; notes: Map<string, string> }> {
  const e = run.engine
  const left = run.reserve('left')
  await e.run(`CREATE TABLE ${left} (customer_id String, slot UInt32) ENGINE = Log`)
  const notes = new Map<string, string>()
  if (finite.length === 0) return { left, notes }
  const only = all
    ? ''
    : `WHERE owner IN (${finite.map((o) => e.dialect.quoteString(o.owner)).join(', ')})`
  const ranked = await run.create(
    'ranked',
    'seq',
    `SELECT seq, r.3 AS customer_id, r.4 AS slot, r.5 AS owner FROM (
       SELECT arraySort(groupArray((${RANK.join(', ')}, owner))) AS a FROM ${acts} ${only}
     ) ARRAY JOIN a AS r, arrayEnumerate(a) AS seq`,
  )
  const total = finite.reduce((n, o) => n + o.n, 0)
  for (let from = 0; from < total; from += pageSize) {
    const page = await e.columns(
      `SELECT customer_id, slot, owner FROM ${ranked} WHERE seq > ${from} AND seq <= ${from + pageSize} ORDER BY seq`,
    )
    const ids = page.customer_id as string[]
    const owners = page.owner as string[]
    const out: { ids: string[]; slots: number[] } = { ids: [], slots: [] }
    ids.forEach((id, i) => {
      const slot = page.slot![i] as number
      const note = planner.offer(owners[i]!, slots[slot]!.action.cost)
      if (note === null) return
      notes.set(owners[i]!, note)
      out.ids.push(id)
      out.slots.push(slot)
    })
    await e.insertColumns(run.name('left'), [out.ids, Int32Array.from(out.slots)])
  }
  return { left, notes }
}

/** Plans every customer's actions within capacity; see the module comment. */
export async function clusterPlan(
  run: ClusterRun,
  src: TextSource,
  policy: Policy,
  asOf: string,
  lang: Lang,
): Promise<ClusterPlan> {
  const e = run.engine
  const slots = actionSlots(policy, asOf)
  const acts = await enumerate(run, src, policy, slots, lang)
  const rank = `(${RANK.join(', ')})`
  const counts = await e.all<OwnerCount>(
    `SELECT owner, count() AS n, ${sumByKey('cost', rank)} AS used FROM ${acts} GROUP BY owner ORDER BY min(${rank})`,
  )
  const planner = new CapacityPlanner(policy, lang)
  const finite = counts.filter((o) => Number.isFinite(planner.capacityOf(o.owner)))
  const { left, notes } = await spendCapacity(
    run,
    acts,
    slots,
    planner,
    finite,
    finite.length === counts.length,
    src.pageSize,
  )
  const loads = new Map(planner.owners().map((l) => [l.owner, l]))
  const owners = counts.map(
    (o): OwnerLoad =>
      loads.get(o.owner) ?? {
        owner: o.owner,
        capacity: Infinity,
        used: o.used,
        planned: o.n,
        leftOut: 0,
      },
  )
  const rows = await run.create(
    'plan',
    '(page, customer_id, slot)',
    `SELECT page, customer_id, slot, owner, stake, cost, if(isNull(lo), 'planned', 'left_out') AS status
     FROM ${acts} ALL LEFT JOIN (SELECT customer_id, slot, toUInt8(1) AS lo FROM ${left}) AS l USING (customer_id, slot)`,
  )
  return {
    rows,
    table: await planTable(run, rows, slots, policy, lang, notes),
    slots,
    planned: owners.reduce((n, o) => n + o.planned, 0),
    leftOut: owners.reduce((n, o) => n + o.leftOut, 0),
    owners,
  }
}

/** The plan as the store's `analysis_actions` table, with the note of each action left out. */
async function planTable(
  run: ClusterRun,
  rows: string,
  slots: readonly ActionSlot[],
  policy: Policy,
  lang: Lang,
  notes: ReadonlyMap<string, string>,
): Promise<string> {
  const noted = await run.upload('notes', [
    ['owner', [...notes.keys()]],
    ['note', [...notes.values()]],
  ])
  const at = (values: readonly string[]) => `${literals(run, values, 'String')}[slot + 1]`
  return run.create(
    'actions',
    'customer_id',
    `SELECT customer_id, ${at(slots.map((s) => policy.tiers[s.tier]!.id))} AS tier,
       ${at(slots.map((s) => s.action.id))} AS action, ${at(slots.map((s) => s.action.text[lang]))} AS text,
       owner, ${at(slots.map((s) => s.action.priority))} AS priority, ${at(slots.map((s) => s.due))} AS due,
       stake AS value_at_stake, cost, status, if(status = 'left_out', note, NULL) AS reason
     FROM ${rows} ALL LEFT JOIN ${noted} USING (owner)`,
  )
}
