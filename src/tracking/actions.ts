/**
 * Following actions through (执行监督): the actions an analysis plans are kept in the
 * action log with an owner, a due date and a state (open, done, or skipped with a reason).
 * A new analysis opens an action only when the same action for the same customer is not
 * already open and no earlier one is still within its due date, so a re-run neither
 * reopens what was done nor duplicates what is open.
 */
import type { Engine } from '../engine/index.js'
import { ClienteleError } from '../schema/index.js'
import { ACTION_LOG_TABLE, ensureTrackingTables, hasTracking } from './tables.js'

export type ActionState = 'open' | 'done' | 'skipped'

export interface TrackedAction {
  readonly id: number
  readonly customerId: string
  readonly tier: string | null
  readonly action: string
  readonly text: string | null
  readonly owner: string | null
  readonly priority: string | null
  readonly due: string
  readonly valueAtStake: number | null
  readonly state: ActionState
  /** What was done, or why it was skipped. */
  readonly note: string | null
  readonly snapshot: number | null
  readonly openedOn: string
  readonly closedOn: string | null
  /** Open and due before `today`. */
  readonly overdue: boolean
}

export interface OwnerStats {
  readonly owner: string
  readonly total: number
  readonly open: number
  readonly done: number
  readonly skipped: number
  readonly overdue: number
  /** done / (done + skipped + overdue): the share of what fell due that was done; null before anything did. */
  readonly completionRate: number | null
}

/** Opens the planned actions of `actionsTable` not already followed; returns how many. */
export async function followActions(
  engine: Engine,
  actionsTable: string,
  snapshotId: number,
  asOf: string,
): Promise<{ opened: number; alreadyOpen: number }> {
  await ensureTrackingTables(engine)
  const asOfDate = engine.dialect.dateLiteral(asOf)
  const covered = `SELECT 1 FROM ${ACTION_LOG_TABLE} l WHERE l.customer_id = a.customer_id AND l.action = a.action`
  return engine.transaction(async () => {
    const [open] = await engine.all(
      `SELECT count(*) AS n FROM ${actionsTable} a WHERE a.status = 'planned'
       AND EXISTS (${covered} AND l.state = 'open')`,
    )
    const opened = await engine.run(
      `INSERT INTO ${ACTION_LOG_TABLE}
       SELECT (SELECT coalesce(max(action_id), 0) FROM ${ACTION_LOG_TABLE})
           + row_number() OVER (ORDER BY a.due, a.owner, a.customer_id, a.action),
         a.customer_id, a.tier, a.action, a.text, a.owner, a.priority, CAST(a.due AS DATE),
         a.value_at_stake, 'open', NULL, ${snapshotId}, ${asOfDate}, NULL, now()::TIMESTAMP
       FROM ${actionsTable} a
       WHERE a.status = 'planned'
         AND NOT EXISTS (${covered} AND (l.state = 'open' OR l.due >= ${asOfDate}))`,
    )
    return { opened, alreadyOpen: Number(open?.n ?? 0) }
  })
}

export interface ActionFilter {
  readonly owner?: string
  readonly overdue?: boolean
  readonly state?: ActionState
  /** ISO date overdue is judged against. */
  readonly today: string
}

const SELECT = (
  today: string,
) => `SELECT action_id, customer_id, tier, action, text, owner, priority,
  CAST(due AS VARCHAR) AS due, value_at_stake, state, note, snapshot_id,
  CAST(opened_on AS VARCHAR) AS opened_on, CAST(closed_on AS VARCHAR) AS closed_on,
  (state = 'open' AND due < ${today}) AS overdue FROM ${ACTION_LOG_TABLE}`

const str = (v: unknown) => (v === null || v === undefined ? null : String(v))

function toAction(r: Record<string, unknown>): TrackedAction {
  return {
    id: Number(r.action_id),
    customerId: String(r.customer_id),
    tier: str(r.tier),
    action: String(r.action),
    text: str(r.text),
    owner: str(r.owner),
    priority: str(r.priority),
    due: String(r.due),
    valueAtStake: r.value_at_stake === null ? null : Number(r.value_at_stake),
    state: r.state as ActionState,
    note: str(r.note),
    snapshot: r.snapshot_id === null ? null : Number(r.snapshot_id),
    openedOn: String(r.opened_on),
    closedOn: str(r.closed_on),
    overdue: r.overdue === true,
  }
}

/** The followed actions matching `filter`, by due date, and every owner's figures. */
export async function listActions(
  engine: Engine,
  filter: ActionFilter,
): Promise<{ actions: TrackedAction[]; owners: OwnerStats[] }> {
  if (!(await hasTracking(engine))) return { actions: [], owners: [] }
  const d = engine.dialect
  const today = d.dateLiteral(filter.today)
  const where = [
    filter.owner === undefined ? '' : `owner = ${d.quoteString(filter.owner)}`,
    filter.overdue === true ? `state = 'open' AND due < ${today}` : '',
    filter.state === undefined ? '' : `state = ${d.quoteString(filter.state)}`,
  ].filter((w) => w !== '')
  const rows = await engine.all(
    `${SELECT(today)} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY due, action_id`,
  )
  const owners = await engine.all(
    `SELECT coalesce(owner, '') AS owner, count(*) AS total,
       sum(CASE WHEN state = 'open' THEN 1 ELSE 0 END) AS open,
       sum(CASE WHEN state = 'done' THEN 1 ELSE 0 END) AS done,
       sum(CASE WHEN state = 'skipped' THEN 1 ELSE 0 END) AS skipped,
       sum(CASE WHEN state = 'open' AND due < ${today} THEN 1 ELSE 0 END) AS overdue
     FROM ${ACTION_LOG_TABLE} ${filter.owner === undefined ? '' : `WHERE owner = ${d.quoteString(filter.owner)}`}
     GROUP BY coalesce(owner, '') ORDER BY owner`,
  )
  return {
    actions: rows.map(toAction),
    owners: owners.map((r) => {
      const [done, skipped, overdue] = [Number(r.done), Number(r.skipped), Number(r.overdue)]
      const due = done + skipped + overdue
      return {
        owner: String(r.owner),
        total: Number(r.total),
        open: Number(r.open),
        done,
        skipped,
        overdue,
        completionRate: due === 0 ? null : done / due,
      }
    }),
  }
}

/** Records that action `id` was done or skipped (a skip needs a reason) on `date`. */
export async function closeAction(
  engine: Engine,
  id: number,
  state: 'done' | 'skipped',
  o: { note?: string; date: string },
): Promise<TrackedAction> {
  if (state === 'skipped' && (o.note === undefined || o.note.trim() === ''))
    throw new ClienteleError('ACTION_INVALID', `action ${id}: a skip needs a reason (--reason "…")`)
  const found = (await hasTracking(engine))
    ? await engine.all(`SELECT 1 FROM ${ACTION_LOG_TABLE} WHERE action_id = $id`, { id })
    : []
  if (found.length === 0)
    throw new ClienteleError(
      'ACTION_NOT_FOUND',
      `no action ${id}: see clientele actions for the ids of the followed actions`,
    )
  await engine.run(
    `UPDATE ${ACTION_LOG_TABLE} SET state = $state, note = $note, closed_on = CAST($date AS DATE),
       updated_at = now()::TIMESTAMP WHERE action_id = $id`,
    { id, state, note: o.note?.trim() || null, date: o.date },
  )
  const [row] = await engine.all(
    `${SELECT(engine.dialect.dateLiteral(o.date))} WHERE action_id = $id`,
    { id },
  )
  return toAction(row!)
}
