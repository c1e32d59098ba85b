/**
 * The action plan per customer (行动计划) and its prioritisation under finite capacity
 * (优化资源配置): every action of the customer's tier whose condition holds, with an owner
 * (the customer's account manager where the action says so), a due date and the value at
 * stake (predicted CLV × churn risk where a CLV model ran, else the customer's value). Each
 * owner's actions are ranked by value at stake and planned while the owner's monthly
 * capacity lasts; the rest are kept, marked as left out, with the reason. The slots, the
 * capacity walk and the wording are exported for the ClickHouse path, which enumerates and
 * ranks the actions in SQL and walks the ranking here, so both plan alike.
 */
import { ascendingOrder } from '../models/index.js'
import { evaluate } from './evaluate.js'
import type { Frame } from './frame.js'
import type { Lang } from './labels.js'
import type { Policy } from './policy.js'

export interface ActionRows {
  readonly customerIndex: Int32Array
  readonly tier: string[]
  readonly action: string[]
  readonly text: string[]
  readonly owner: string[]
  readonly priority: string[]
  readonly due: string[]
  readonly valueAtStake: Float64Array
  readonly cost: Float64Array
  readonly status: string[]
  readonly note: (string | null)[]
}

export interface ActionPlan {
  readonly rows: ActionRows
  /**
   * Its planned actions as text in the chosen language, for customers `start` to `end - 1`
   * (all by default): built per batch, so a million customers' sentences never coexist.
   */
  summary(start?: number, end?: number): string[]
  /** Per owner: capacity, used, planned and left out. */
  readonly owners: OwnerLoad[]
}

function addDays(iso: string, span: string): string {
  const m = /^(\d+)([dwmy])$/.exec(span)!
  const days = Number(m[1]) * { d: 1, w: 7, m: 30, y: 365 }[m[2] as 'd' | 'w' | 'm' | 'y']
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10)
}

type PolicyAction = Policy['tiers'][number]['actions'][number]

/** One (tier, action) of a policy: slots are numbered in policy order, tier by tier. */
export interface ActionSlot {
  readonly action: PolicyAction
  /** Index of the tier in `policy.tiers`. */
  readonly tier: number
  /** ISO date the action is due by, counted from the as-of date. */
  readonly due: string
}

export function actionSlots(policy: Policy, asOf: string): ActionSlot[] {
  return policy.tiers.flatMap((t, tier) =>
    t.actions.map((action) => ({ action, tier, due: addDays(asOf, action.due) })),
  )
}

/** Ranks of priorities: lower is planned first. */
export const PRIORITY_RANK = { high: 0, medium: 1, low: 2 } as const

/** The owner of an account-manager action whose customer has none. */
export const UNASSIGNED: Readonly<Record<Lang, string>> = { zh: '未分配', en: 'unassigned' }

/** Between the planned actions of one customer in the actions column. */
export const ACTION_SEPARATOR: Readonly<Record<Lang, string>> = { zh: ';', en: '; ' }

/** One planned action as the actions column words it. */
export function actionItem(slot: ActionSlot, owner: string, lang: Lang): string {
  const text = slot.action.text[lang]
  return lang === 'zh' ? `${text}(${owner},${slot.due})` : `${text} (${owner}, by ${slot.due})`
}

export interface OwnerLoad {
  owner: string
  capacity: number
  used: number
  planned: number
  leftOut: number
}

/**
 * Each owner's monthly capacity, spent on actions offered best first (priority, then value
 * at stake): an action is planned while its cost fits in what the owner has left, else left
 * out with a note, and later, cheaper actions may still fit. Holds one entry per owner.
 */
export class CapacityPlanner {
  private readonly loads = new Map<string, OwnerLoad>()
  private readonly notes = new Map<string, string>()

  constructor(
    private readonly policy: Policy,
    private readonly lang: Lang,
  ) {}

  capacityOf(owner: string): number {
    return this.policy.capacity[owner] ?? this.policy.capacity['*'] ?? Infinity
  }

  /** Plans the next action in rank order: null when planned, else why it was left out. */
  offer(owner: string, cost: number): string | null {
    let load = this.loads.get(owner)
    if (load === undefined) {
      load = { owner, capacity: this.capacityOf(owner), used: 0, planned: 0, leftOut: 0 }
      this.loads.set(owner, load)
    }
    if (load.used + cost <= load.capacity) {
      load.used += cost
      load.planned++
      return null
    }
    load.leftOut++
    let note = this.notes.get(owner)
    if (note === undefined) {
      note =
        this.lang === 'zh'
          ? `${owner} 本月容量 ${load.capacity} 已用于优先级或价值更高的行动`
          : `${owner}'s capacity of ${load.capacity} this month went to actions of higher priority or more value at stake`
      this.notes.set(owner, note)
    }
    return note
  }

  /** Per owner, in the order each was first offered an action. */
  owners(): OwnerLoad[] {
    return [...this.loads.values()].map((l) => ({ ...l }))
  }
}

export function planActions(
  frame: Frame,
  tier: Int32Array,
  policy: Policy,
  asOf: string,
  lang: Lang,
  valueColumn: string,
): ActionPlan {
  const managers = frame.texts.get('account_manager')
  const clv = frame.numbers.get('clv')
  const churn = frame.numbers.get('churn_risk')
  const value = frame.numbers.get(valueColumn)
  const stake = (i: number) => {
    const c = clv?.[i]
    if (c !== undefined && !Number.isNaN(c)) return c * (churn?.[i] ?? 1)
    const v = value?.[i]
    return v === undefined || Number.isNaN(v) ? 0 : v
  }
  const conditions = policy.actionRules.map((rules) =>
    rules.map((r) => (r === undefined ? undefined : evaluate(r, frame))),
  )
  const slots = actionSlots(policy, asOf)
  const firstSlot = policy.tiers.map((_, ti) => slots.findIndex((x) => x.tier === ti))
  // Each action a customer gets, as (customer, slot), in customer order; walked twice, to
  // count and then to fill typed columns.
  const eachAction = (visit: (i: number, slot: number) => void) => {
    for (let i = 0; i < frame.n; i++) {
      const t = tier[i]!
      const masks = conditions[t]!
      for (let j = 0; j < masks.length; j++) {
        const mask = masks[j]
        if (mask === undefined || mask[i] === 1) visit(i, firstSlot[t]! + j)
      }
    }
  }
  let m = 0
  eachAction(() => m++)
  const idx = new Int32Array(m)
  const slot = new Int32Array(m)
  let filled = 0
  eachAction((i, s) => {
    idx[filled] = i
    slot[filled++] = s
  })
  // Columns by plain loops: `Array.from(typed, fn)` costs several times as much.
  const perAction = <T>(value: (k: number) => T): T[] => {
    const out = new Array<T>(m)
    for (let k = 0; k < m; k++) out[k] = value(k)
    return out
  }
  const actionOf = (k: number) => slots[slot[k]!]!.action
  const owner = perAction((k) => {
    const a = actionOf(k)
    return a.owner === 'account_manager' ? (managers?.[idx[k]!] ?? UNASSIGNED[lang]) : a.owner
  })
  const atStake = new Float64Array(m)
  for (let k = 0; k < m; k++) atStake[k] = stake(idx[k]!)
  const order = rankedActions(
    atStake,
    perAction((k) => PRIORITY_RANK[actionOf(k).priority]),
  )
  const planner = new CapacityPlanner(policy, lang)
  const status: string[] = new Array<string>(m)
  const note: (string | null)[] = new Array<string | null>(m).fill(null)
  for (const k of order) {
    note[k] = planner.offer(owner[k]!, actionOf(k).cost)
    status[k] = note[k] === null ? 'planned' : 'left_out'
  }
  // Rows are in customer order: a batch's rows are one contiguous run, found by bisection.
  const firstRow = (i: number) => {
    let lo = 0
    let hi = m
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (idx[mid]! < i) lo = mid + 1
      else hi = mid
    }
    return lo
  }
  const summary = (start = 0, end = frame.n): string[] => {
    const out: string[] = new Array<string>(Math.max(0, end - start)).fill('')
    for (let k = firstRow(start); k < m && idx[k]! < end; k++) {
      if (status[k] !== 'planned') continue
      const item = actionItem(slots[slot[k]!]!, owner[k]!, lang)
      const j = idx[k]! - start
      out[j] = out[j] === '' ? item : `${out[j]}${ACTION_SEPARATOR[lang]}${item}`
    }
    return out
  }
  return {
    rows: {
      customerIndex: idx,
      tier: perAction((k) => policy.tiers[slots[slot[k]!]!.tier]!.id),
      action: perAction((k) => actionOf(k).id),
      text: perAction((k) => actionOf(k).text[lang]),
      owner,
      priority: perAction((k) => actionOf(k).priority),
      due: perAction((k) => slots[slot[k]!]!.due),
      valueAtStake: atStake,
      cost: Float64Array.from(perAction((k) => actionOf(k).cost)),
      status,
      note,
    },
    summary,
    owners: planner.owners(),
  }
}

/**
 * The actions in planning order: by priority rank, then value at stake (largest first;
 * NaN as 0), then as listed. The stakes' stable radix order is bucketed stably by rank —
 * for 1.8 million actions a fraction of a comparison sort's time.
 */
export function rankedActions(atStake: Float64Array, rank: readonly number[]): Uint32Array {
  const m = atStake.length
  // 0 − s, not −s: a stake of 0 gives 0, not -0, which the radix order puts first.
  const key = new Float64Array(m)
  for (let k = 0; k < m; k++) key[k] = Number.isNaN(atStake[k]!) ? 0 : 0 - atStake[k]!
  const byStake = ascendingOrder(key)
  let top = 0
  for (const r of rank) if (r > top) top = r
  const start = new Array<number>(top + 2).fill(0)
  for (const r of rank) start[r + 1]!++
  for (let r = 1; r < start.length; r++) start[r]! += start[r - 1]!
  const order = new Uint32Array(m)
  for (const k of byStake) order[start[rank[k]!]!++] = k
  return order
}
