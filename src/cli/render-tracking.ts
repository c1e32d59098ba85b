/** Text renderings of the tracking results for a terminal; pure functions of the results. */
import type { ActionsResult, BackfillResult, TrendsResult } from '../app/index.js'
import type {
  EffectReport,
  SnapshotComparison,
  SnapshotInfo,
  TrackedAction,
} from '../tracking/index.js'
import { formatTable } from './output.js'

type Lang = 'zh' | 'en'
const pct = (x: number | null) => (x === null || Number.isNaN(x) ? '' : `${(x * 100).toFixed(1)}%`)
const fix = (x: number | null, d = 2) =>
  x === null || Number.isNaN(x) ? '' : Number(x.toFixed(d)).toLocaleString('en-US')

export function renderHistory(list: readonly SnapshotInfo[]): string {
  if (list.length === 0) return 'No snapshots yet: run clientele analyze or clientele backfill.'
  return formatTable(
    ['id', 'as of', 'policy', 'policy hash', 'window', 'customers', 'data', 'created'],
    list.map((s) => [
      s.id,
      s.asOf,
      s.policy.id,
      s.policy.hash,
      s.window,
      s.customers,
      s.fingerprint,
      s.createdAt.replace('T', ' '),
    ]),
  )
}

export function renderBackfill(r: BackfillResult): string {
  const made = r.snapshots.filter((s) => !s.kept).length
  return [
    `${made} snapshot${made === 1 ? '' : 's'} made, ${r.snapshots.length - made} already kept (policy ${r.policy})`,
    formatTable(
      ['as of', 'snapshot', 'customers', ''],
      r.snapshots.map((s) => [s.asOf, s.id, s.customers, s.kept ? 'already kept' : 'new']),
    ),
  ].join('\n')
}

export function renderCompare(c: SnapshotComparison, lang: Lang, show = 20): string {
  const name = (tiers: SnapshotComparison['from']['tiers'], id: string) =>
    tiers.find((t) => t.id === id)?.name[lang] ?? id
  const toIds = c.to.tiers.map((t) => t.id)
  const matrix = formatTable(
    [`${c.from.asOf} \\ ${c.to.asOf}`, ...c.to.tiers.map((t) => t.name[lang])],
    c.from.tiers.map((t) => [t.name[lang], ...toIds.map((u) => c.matrix[t.id]?.[u] ?? 0)]),
  )
  const moved = formatTable(
    ['customer', 'from', 'to', '', 'because', 'was', 'now'],
    c.moved
      .slice(0, show)
      .map((m) => [
        m.customerId,
        name(c.from.tiers, m.from),
        name(c.to.tiers, m.to),
        m.direction === 'up' ? '↑' : m.direction === 'down' ? '↓' : '→',
        m.driver?.indicator ?? '',
        m.driver?.from ?? null,
        m.driver?.to ?? null,
      ]),
  )
  const more = c.movedTotal - Math.min(show, c.moved.length)
  return [
    `Snapshot ${c.from.id} (${c.from.asOf}, ${c.from.policy}) → ${c.to.id} (${c.to.asOf}, ${c.to.policy}): ${c.customers.toLocaleString('en-US')} customers in both`,
    `${c.stayed} stayed, ${c.up} moved up, ${c.down} moved down; ${c.new.customers} new, ${c.lost.customers} lost (bought before ${c.from.asOf}, not since), ${c.gone.customers} gone from the data`,
    '',
    matrix,
    '',
    c.moved.length === 0 ? 'Nobody moved.' : moved,
    ...(more > 0 ? [`… and ${more} more (--json lists up to --limit)`] : []),
  ].join('\n')
}

export function renderTrends(r: TrendsResult, lang: Lang): string {
  const t = r.trends
  const dates = t.snapshots.map((s) => s.asOf)
  const byTier = (f: (p: (typeof t.tiers)[number]) => unknown) =>
    t.policy.tiers.map((tier) => [
      tier.name[lang],
      ...t.snapshots.map((s) => f(t.tiers.find((p) => p.snapshot === s.id && p.tier === tier.id)!)),
    ])
  const kpiRows = t.kpis
    .filter((k) => k.snapshot === t.snapshots[t.snapshots.length - 1]!.id)
    .map((k) => [
      k.name[lang],
      k.tier === '*'
        ? lang === 'zh'
          ? '全部'
          : 'all'
        : (t.policy.tiers.find((x) => x.id === k.tier)?.name[lang] ?? k.tier),
      k.aggregate === 'share' ? pct(k.value) : fix(k.value),
      k.aggregate === 'share' ? pct(k.change) : fix(k.change),
    ])
  const ch = r.churn
  const last = ch.periods.slice(-6)
  const churn = formatTable(
    ['churn by tier', ...last],
    ch.churn.map((s) => [
      s.tier === '*' ? 'all' : s.tier,
      ...s.churnRate.slice(-6).map((v) => pct(v)),
    ]),
  )
  const cohorts = ch.cohorts.filter((c) => c.tier === '*')
  const cohortTable = formatTable(
    [
      'cohort',
      'size',
      ...Array.from({ length: Math.min(7, ch.periods.length) }, (_, k) => `+${k}`),
    ],
    cohorts.map((c) => [
      c.cohort.slice(0, 7),
      c.size,
      ...c.retention.slice(0, 7).map((v) => pct(v)),
    ]),
  )
  return [
    `Trends of ${t.policy.id} over ${dates.length} snapshot${dates.length === 1 ? '' : 's'}`,
    '',
    formatTable(
      ['customers', ...dates],
      byTier((p) => p.customers),
    ),
    '',
    formatTable(
      ['value share', ...dates],
      byTier((p) => pct(p.valueShare)),
    ),
    '',
    formatTable(
      ['retention', ...dates],
      byTier((p) => pct(p.retention)),
    ),
    '',
    formatTable(['KPI', 'tier', `at ${dates[dates.length - 1]}`, 'change'], kpiRows),
    '',
    churn,
    '',
    `Cohort retention (${ch.grain}s since first purchase, every customer)`,
    cohortTable,
  ].join('\n')
}

const actionRow = (a: TrackedAction) => [
  a.id,
  a.customerId,
  a.text ?? a.action,
  a.owner,
  a.due,
  a.overdue ? 'overdue' : a.state,
  a.note,
]

export function renderActions(r: ActionsResult, show = 50): string {
  const more = r.actions.length - Math.min(show, r.actions.length)
  return [
    r.actions.length === 0
      ? 'No actions.'
      : formatTable(
          ['id', 'customer', 'action', 'owner', 'due', 'state', 'note'],
          r.actions.slice(0, show).map(actionRow),
        ),
    ...(more > 0 ? [`… and ${more} more (--json or --csv lists all)`] : []),
    '',
    formatTable(
      ['owner', 'actions', 'open', 'done', 'skipped', `overdue on ${r.today}`, 'completion'],
      r.owners.map((o) => [
        o.owner,
        o.total,
        o.open,
        o.done,
        o.skipped,
        o.overdue,
        pct(o.completionRate),
      ]),
    ),
  ].join('\n')
}

export function renderAction(a: TrackedAction): string {
  return `Action ${a.id} (${a.customerId}, ${a.action}) is ${a.state}${a.note ? `: ${a.note}` : ''}`
}

const CSV_COLUMNS = [
  'action_id',
  'customer_id',
  'tier',
  'action',
  'text',
  'owner',
  'due',
  'state',
  'note',
]

/** The action list as CSV, to fill in (state, note) and bring back with `actions import`. */
export function actionsCsv(actions: readonly TrackedAction[]): string {
  const cell = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v)
    return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
  }
  const rows = actions.map((a) =>
    [a.id, a.customerId, a.tier, a.action, a.text, a.owner, a.due, a.state, a.note]
      .map(cell)
      .join(','),
  )
  return [CSV_COLUMNS.join(','), ...rows].join('\n')
}

export function renderEffect(e: EffectReport, lang: Lang): string {
  const label = { purchases: 'purchase days', value: 'net value', tier: 'tier (+ = up)' }
  const ci = (o: EffectReport['outcomes'][number]) =>
    Number.isNaN(o.effect.lower)
      ? 'too few customers'
      : `${fix(o.effect.lower)} … ${fix(o.effect.upper)}`
  return [
    e.note[lang],
    `${e.subjects.treated} treated, ${e.subjects.control} control, ${e.subjects.excluded} left out (unknown customer or no days observed after the action); ${e.horizonDays} days before and after, data to ${e.end}`,
    '',
    formatTable(
      [
        'outcome',
        'treated before',
        'after',
        'control before',
        'after',
        'effect',
        `${Math.round((e.outcomes[0]?.effect.level ?? 0.95) * 100)}% interval`,
        'p',
      ],
      e.outcomes.map((o) => [
        label[o.outcome],
        fix(o.treated.before),
        fix(o.treated.after),
        o.control === null ? '' : fix(o.control.before),
        o.control === null ? '' : fix(o.control.after),
        fix(o.effect.estimate),
        ci(o),
        fix(o.effect.pValue, 3),
      ]),
    ),
  ].join('\n')
}
