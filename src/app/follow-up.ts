/**
 * Following actions through (执行监督) and measuring their effect: the action list with
 * each owner's completion rate and overdue count, recording what was done or skipped (one
 * at a time or from a sheet), and the effect of actions on later purchases, value and tier.
 */
import type { Engine } from '../engine/index.js'
import { addDays, isoDate } from '../indicators/index.js'
import { ClienteleError } from '../schema/index.js'
import {
  actionEffect,
  closeAction,
  doneSubjects,
  importActionStates,
  listActions,
  loadSubjects,
  type ActionImportResult,
  type EffectReport,
  type OwnerStats,
  type TrackedAction,
} from '../tracking/index.js'
import { withDuckDBStore } from './store.js'
import type { StoreOption } from './tracking.js'

const today = () => new Date().toISOString().slice(0, 10)

export interface ActionsOptions extends StoreOption {
  readonly owner?: string
  readonly overdue?: boolean
  /** ISO date overdue is judged against; default today. */
  readonly today?: string
}

export interface ActionsResult {
  readonly today: string
  readonly actions: readonly TrackedAction[]
  readonly owners: readonly OwnerStats[]
}

/** The followed actions (optionally one owner's, or only the overdue) and per-owner figures. */
export function actions(o: ActionsOptions): Promise<ActionsResult> {
  const day = isoDate(o.today ?? today(), '--today date')
  return withDuckDBStore(o.store, 'actions', async (engine) => ({
    today: day,
    ...(await listActions(engine, { owner: o.owner, overdue: o.overdue, today: day })),
  }))
}

export interface CloseActionOptions extends StoreOption {
  readonly id: number
  readonly state: 'done' | 'skipped'
  /** What was done, or why it was skipped (required for a skip). */
  readonly note?: string
  /** Day it happened; default today. */
  readonly date?: string
}

/** Records that an action was done or skipped. */
export function closeActionState(o: CloseActionOptions): Promise<TrackedAction> {
  if (!Number.isInteger(o.id) || o.id <= 0)
    throw new ClienteleError(
      'USAGE',
      `invalid action id: ${o.id} (expected a number from clientele actions)`,
    )
  const date = isoDate(o.date ?? today(), '--date')
  return withDuckDBStore(o.store, 'actions', (engine) =>
    closeAction(engine, o.id, o.state, { note: o.note, date }),
  )
}

/** Records the states an account manager filled in `file` (all rows or none). */
export function importActions(
  o: StoreOption & { readonly file: string; readonly today?: string },
): Promise<ActionImportResult> {
  const day = isoDate(o.today ?? today(), '--today date')
  return withDuckDBStore(o.store, 'actions', (engine) => importActionStates(engine, o.file, day))
}

export interface EffectOptions extends StoreOption {
  /** A CSV/Excel file of customer_id, action, date and optionally group (treated/control). */
  readonly file?: string
  /** Use the done actions of the action log as the treated group. */
  readonly done?: boolean
  /** Days after (and before) each action that are compared; default 90. */
  readonly horizonDays?: number
  /** The end of the observed data (exclusive); default the day after the last order. */
  readonly asOf?: string
}

async function dataEnd(engine: Engine): Promise<string> {
  const [r] = await engine.all(`SELECT CAST(max(date) AS VARCHAR) AS d FROM transactions`)
  if (r?.d === null || r?.d === undefined)
    throw new ClienteleError('USAGE', 'the store has no orders: import some first')
  return addDays(String(r.d), 1)
}

/** The effect of actions on later purchases, value and tier, against a control where kept. */
export function effect(o: EffectOptions): Promise<EffectReport> {
  if ((o.file === undefined) === (o.done !== true))
    throw new ClienteleError(
      'USAGE',
      'give either a file of treated customers or --done, not both or neither',
    )
  return withDuckDBStore(o.store, 'effect', async (engine) => {
    const end = o.asOf === undefined ? await dataEnd(engine) : isoDate(o.asOf, 'as-of date')
    if (o.file !== undefined) await loadSubjects(engine, o.file)
    else await doneSubjects(engine)
    return actionEffect(engine, { end, horizonDays: o.horizonDays })
  })
}
