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
  /** Per customer, its planned actions as text in the chosen language. */
  readonly summary: string[]
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
  const idx: number[] = []
  const actionRef: [number, number][] = []
  for (let i = 0; i < frame.n; i++) {
    const t = tier[i]!
    policy.tiers[t]!.actions.forEach((_, j) => {
      const mask = conditions[t]![j]
      if (mask === undefined || mask[i] === 1) {
        idx.push(i)
        actionRef.push([t, j])
      }
    })
  }
  const m = idx.length
  const owner = idx.map((i, k) => {
    const a = policy.tiers[actionRef[k]![0]]!.actions[actionRef[k]![1]]!
    return a.owner === 'account_manager'
      ? (managers?.[i] ?? (lang === 'zh' ? '未分配' : 'unassigned'))
      : a.owner
  })
  const atStake = Float64Array.from(idx, stake)
  const order = Array.from({ length: m }, (_, k) => k).sort((x, y) => {
    const ax = policy.tiers[actionRef[x]![0]]!.actions[actionRef[x]![1]]!
    const ay = policy.tiers[actionRef[y]![0]]!.actions[actionRef[y]![1]]!
    return (
      PRIORITY_RANK[ax.priority] - PRIORITY_RANK[ay.priority] || atStake[y]! - atStake[x]! || x - y
    )
  })
  const capacityOf = (o: string) => policy.capacity[o] ?? policy.capacity['*'] ?? Infinity
  const used = new Map<string, number>()
  const status: string[] = new Array(m)
  const note: (string | null)[] = new Array(m).fill(null)
  const counts = new Map<string, { planned: number; leftOut: number }>()
  for (const k of order) {
    const a = policy.tiers[actionRef[k]![0]]!.actions[actionRef[k]![1]]!
    const o = owner[k]!
    const u = used.get(o) ?? 0
    const c = counts.get(o) ?? { planned: 0, leftOut: 0 }
    if (u + a.cost <= capacityOf(o)) {
      used.set(o, u + a.cost)
      status[k] = 'planned'
      c.planned++
    } else {
      status[k] = 'left_out'
      note[k] =
        lang === 'zh'
          ? `${o} 本月容量 ${capacityOf(o)} 已用于优先级或价值更高的行动`
          : `${o}'s capacity of ${capacityOf(o)} this month went to actions of higher priority or more value at stake`
      c.leftOut++
    }
    counts.set(o, c)
  }
  const summary: string[] = new Array(frame.n).fill('')
  idx.forEach((i, k) => {
    if (status[k] !== 'planned') return
    const a = policy.tiers[actionRef[k]![0]]!.actions[actionRef[k]![1]]!
    const due = addDays(asOf, a.due)
    const item =
      lang === 'zh' ? `${a.text.zh}(${owner[k]},${due})` : `${a.text.en} (${owner[k]}, by ${due})`
    summary[i] = summary[i] === '' ? item : `${summary[i]}${lang === 'zh' ? ';' : '; '}${item}`
  })
  return {
    rows: {
      customerIndex: Int32Array.from(idx),
      tier: actionRef.map(([t]) => policy.tiers[t]!.id),
      action: actionRef.map(([t, j]) => policy.tiers[t]!.actions[j]!.id),
      text: actionRef.map(([t, j]) => policy.tiers[t]!.actions[j]!.text[lang]),
      owner,
      priority: actionRef.map(([t, j]) => policy.tiers[t]!.actions[j]!.priority),
      due: actionRef.map(([t, j]) => addDays(asOf, policy.tiers[t]!.actions[j]!.due)),
      valueAtStake: atStake,
      cost: Float64Array.from(actionRef, ([t, j]) => policy.tiers[t]!.actions[j]!.cost),
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
