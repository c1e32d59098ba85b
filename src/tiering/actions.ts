/**
 * The action plan per customer (行动计划) and its prioritisation under finite capacity
 * (优化资源配置): every action of the customer's tier whose condition holds, with an owner
 * (the customer's account manager where the action says so), a due date and the value at
 * stake (predicted CLV × churn risk where a CLV model ran, else the customer's value). Each
 * owner's actions are ranked by value at stake and planned while the owner's monthly
 * capacity lasts; the rest are kept, marked as left out, with the reason.
 */
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
  readonly owners: {
    owner: string
    capacity: number
    used: number
    planned: number
    leftOut: number
  }[]
}

function addDays(iso: string, span: string): string {
  const m = /^(\d+)([dwmy])$/.exec(span)!
  const days = Number(m[1]) * { d: 1, w: 7, m: 30, y: 365 }[m[2] as 'd' | 'w' | 'm' | 'y']
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10)
}

const PRIORITY_RANK = { high: 0, medium: 1, low: 2 } as const

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
  // Every (tier, action) of the policy as one slot number, and its fixed parts once.
  const slots = policy.tiers.flatMap((t, ti) => t.actions.map((a) => ({ a, ti })))
  const firstSlot = policy.tiers.map((_, ti) => slots.findIndex((x) => x.ti === ti))
  const slotDue = slots.map(({ a }) => addDays(asOf, a.due))
  // Each action a customer gets, as (customer, slot), in customer order; walked twice, to
  // count and then to fill typed columns.
  const eachAction = (visit: (i: number, slot: number) => void) => {
    for (let i = 0; i < frame.n; i++) {
      const t = tier[i]!
      conditions[t]!.forEach((mask, j) => {
        if (mask === undefined || mask[i] === 1) visit(i, firstSlot[t]! + j)
      })
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
  const actionOf = (k: number) => slots[slot[k]!]!.a
  const unassigned = lang === 'zh' ? '未分配' : 'unassigned'
  const owner = Array.from(idx, (i, k) => {
    const a = actionOf(k)
    return a.owner === 'account_manager' ? (managers?.[i] ?? unassigned) : a.owner
  })
  const atStake = Float64Array.from(idx, stake)
  const order = Uint32Array.from({ length: m }, (_, k) => k).sort(
    (x, y) =>
      PRIORITY_RANK[actionOf(x).priority] - PRIORITY_RANK[actionOf(y).priority] ||
      atStake[y]! - atStake[x]! ||
      x - y,
  )
  const capacityOf = (o: string) => policy.capacity[o] ?? policy.capacity['*'] ?? Infinity
  const used = new Map<string, number>()
  const status: string[] = new Array<string>(m)
  const note: (string | null)[] = new Array<string | null>(m).fill(null)
  const counts = new Map<string, { planned: number; leftOut: number }>()
  const fullNote = (o: string) =>
    lang === 'zh'
      ? `${o} 本月容量 ${capacityOf(o)} 已用于优先级或价值更高的行动`
      : `${o}'s capacity of ${capacityOf(o)} this month went to actions of higher priority or more value at stake`
  const notes = new Map<string, string>()
  for (const k of order) {
    const a = actionOf(k)
    const o = owner[k]!
    const u = used.get(o) ?? 0
    const c = counts.get(o) ?? { planned: 0, leftOut: 0 }
    if (u + a.cost <= capacityOf(o)) {
      used.set(o, u + a.cost)
      status[k] = 'planned'
      c.planned++
    } else {
      status[k] = 'left_out'
      if (!notes.has(o)) notes.set(o, fullNote(o))
      note[k] = notes.get(o)!
      c.leftOut++
    }
    counts.set(o, c)
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
      const a = actionOf(k)
      const due = slotDue[slot[k]!]!
      const item =
        lang === 'zh' ? `${a.text.zh}(${owner[k]},${due})` : `${a.text.en} (${owner[k]}, by ${due})`
      const j = idx[k]! - start
      out[j] = out[j] === '' ? item : `${out[j]}${lang === 'zh' ? ';' : '; '}${item}`
    }
    return out
  }
  return {
    rows: {
      customerIndex: idx,
      tier: Array.from(slot, (x) => policy.tiers[slots[x]!.ti]!.id),
      action: Array.from(slot, (x) => slots[x]!.a.id),
      text: Array.from(slot, (x) => slots[x]!.a.text[lang]),
      owner,
      priority: Array.from(slot, (x) => slots[x]!.a.priority),
      due: Array.from(slot, (x) => slotDue[x]!),
      valueAtStake: atStake,
      cost: Float64Array.from(slot, (x) => slots[x]!.a.cost),
      status,
      note,
    },
    summary,
    owners: [...counts].map(([o, c]) => ({
      owner: o,
      capacity: capacityOf(o),
      used: used.get(o) ?? 0,
      ...c,
    })),
  }
}
