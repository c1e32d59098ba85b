/**
 * Loading the frame a policy needs from the engine: the indicator columns its rules,
 * models, reasons, needs and actions read (never all of them), and the BTYD summary when
 * the policy has a CLV model — one row per customer, ordered by customer id.
 */
import type { Engine } from '../engine/index.js'
import { INDICATORS, indicator } from '../indicators/index.js'
import { columnsOf, type Frame, type Policy } from '../tiering/index.js'

export const INDICATORS_TABLE = 'clientele_indicators'
export const BTYD_TABLE = 'clientele_btyd'

const ALWAYS = [
  'recency_days',
  'frequency',
  'monetary',
  'profit',
  'satisfaction_latest',
  'days_since_contact',
  'complaints',
  'days_since_first_purchase',
  'purchase_days_total',
  'last_gap_days',
  'account_manager',
]

/** Base column names (without `_pct`) that the policy reads. */
export function policyColumns(policy: Policy): Set<string> {
  const out = new Set<string>(ALWAYS)
  const add = (c: string) => out.add(c.endsWith('_pct') ? c.slice(0, -4) : c)
  for (const r of policy.rules) if (r) columnsOf(r).forEach(add)
  for (const rs of policy.actionRules) for (const r of rs) if (r) columnsOf(r).forEach(add)
  add(policy.value)
  policy.models.scorecard?.indicators.forEach(add)
  if (policy.models.abc) add(policy.models.abc.indicator)
  return out
}

export async function loadFrame(engine: Engine, policy: Policy): Promise<Frame> {
  const wanted = [...policyColumns(policy)].filter((c) => {
    const i = indicator(c)
    return i !== undefined && i.unit !== 'date'
  })
  const q = engine.dialect.quoteIdentifier
  const btyd = policy.models.clv !== undefined
  const select = [
    'i.customer_id',
    ...wanted.map((c) => `i.${q(c)}`),
    ...(btyd
      ? ['b.x AS btyd_x', 'b.t_x AS btyd_tx', 'b."T" AS btyd_T', 'b.zbar AS btyd_zbar']
      : []),
  ]
  const from = btyd
    ? `${INDICATORS_TABLE} i LEFT JOIN ${BTYD_TABLE} b ON b.customer_id = i.customer_id`
    : `${INDICATORS_TABLE} i`
  const cols = await engine.columns(
    `SELECT ${select.join(', ')} FROM ${from} ORDER BY i.customer_id`,
  )
  const ids = (cols.customer_id ?? []) as string[]
  const frame: Frame = { n: ids.length, ids, numbers: new Map(), texts: new Map() }
  for (const [name, values] of Object.entries(cols)) {
    if (name === 'customer_id') continue
    const spec = INDICATORS.find((i) => i.name === name)
    if (spec?.unit === 'text')
      frame.texts.set(
        name,
        Array.from(values as ArrayLike<unknown>, (v) => (v === null ? null : String(v))),
      )
    else
      frame.numbers.set(
        name,
        values instanceof Float64Array ? values : Float64Array.from(values as number[], Number),
      )
  }
  // Contribution is profit where orders carry it, net spend otherwise.
  const profit = frame.numbers.get('profit')
  const monetary = frame.numbers.get('monetary') ?? new Float64Array(frame.n)
  frame.numbers.set(
    'contribution',
    Float64Array.from(monetary, (m, i) => (profit && !Number.isNaN(profit[i]!) ? profit[i]! : m)),
  )
  return frame
}
