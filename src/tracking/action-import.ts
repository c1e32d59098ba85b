/**
 * Importing what account managers filled in: a CSV or Excel sheet with the action id, the
 * state (done / skipped, in Chinese or English), a note or the reason for a skip, and
 * optionally the date. All rows are recorded or none; rows left blank are skipped.
 */
import type { Engine } from '../engine/index.js'
import { ClienteleError, type Issue } from '../schema/index.js'
import { ACTION_LOG_TABLE, ensureTrackingTables } from './tables.js'
import { loadSheet, type SheetField } from './sheet.js'

const FIELDS: readonly SheetField[] = [
  {
    name: 'id',
    headers: ['action_id', 'id', '编号', '行动编号', '任务编号'],
    type: 'integer',
    required: true,
    filled: true,
  },
  {
    name: 'state',
    headers: ['state', 'status', '状态', '执行情况', '执行状态'],
    type: 'text',
    required: true,
  },
  {
    name: 'note',
    headers: ['note', 'reason', '备注', '说明', '原因', '跳过原因'],
    type: 'text',
    required: false,
  },
  {
    name: 'date',
    headers: ['date', 'closed_on', 'done_on', '日期', '完成日期', '执行日期'],
    type: 'date',
    required: false,
  },
]

const WORDS: Readonly<Record<'done' | 'skipped' | 'open', readonly string[]>> = {
  done: ['done', 'completed', 'complete', 'yes', 'y', '完成', '已完成', '已执行', '是'],
  skipped: ['skipped', 'skip', 'not done', 'no', 'n', '跳过', '已跳过', '未执行', '不执行', '否'],
  open: ['open', 'pending', 'todo', '待办', '未完成', '进行中', '待执行'],
}

const UPDATES = 'clientele_action_updates'

export interface ActionImportResult {
  readonly file: string
  readonly rows: number
  readonly done: number
  readonly skipped: number
  /** Rows marked open or left blank: nothing to record. */
  readonly ignored: number
}

/** Records the states in `file`; throws ACTION_INVALID listing every bad row, recording none. */
export async function importActionStates(
  engine: Engine,
  file: string,
  today: string,
): Promise<ActionImportResult> {
  await ensureTrackingTables(engine)
  const { rows, found } = await loadSheet(engine, file, FIELDS, UPDATES)
  const d = engine.dialect
  const list = (ws: readonly string[]) => ws.map((w) => d.quoteString(w)).join(', ')
  const state = `CASE WHEN lower(state) IN (${list(WORDS.done)}) THEN 'done'
    WHEN lower(state) IN (${list(WORDS.skipped)}) THEN 'skipped'
    WHEN state IS NULL OR lower(state) IN (${list(WORDS.open)}) THEN 'open' END`
  const note = found.has('note') ? 'note' : 'NULL'
  const date = found.has('date') ? `coalesce(date, ${d.dateLiteral(today)})` : d.dateLiteral(today)
  const parsed = `SELECT line, id, state AS given, ${state} AS st, ${note} AS note, ${date} AS day FROM ${UPDATES}`
  const bad = await engine.all<{ line: number; id: number; given: string | null; problem: string }>(
    `SELECT line, id, given, CASE
       WHEN st IS NULL THEN 'state'
       WHEN NOT EXISTS (SELECT 1 FROM ${ACTION_LOG_TABLE} l WHERE l.action_id = p.id) THEN 'id'
       ELSE 'reason' END AS problem
     FROM (${parsed}) AS p
     WHERE st IS NULL OR (st <> 'open' AND NOT EXISTS (SELECT 1 FROM ${ACTION_LOG_TABLE} l WHERE l.action_id = p.id))
       OR (st = 'skipped' AND note IS NULL)
     ORDER BY line LIMIT 20`,
  )
  if (bad.length > 0) {
    const issues: Issue[] = bad.map((r) => ({
      code: r.problem === 'id' ? 'ACTION_NOT_FOUND' : 'ACTION_INVALID',
      file,
      line: Number(r.line),
      ...(r.problem === 'id'
        ? { column: 'action_id', value: String(r.id), message: 'no followed action has this id' }
        : r.problem === 'state'
          ? {
              column: 'state',
              value: String(r.given),
              message: 'expected done, skipped or open (完成、跳过、待办)',
            }
          : { column: 'note', message: 'a skipped action needs a reason' }),
    }))
    throw new ClienteleError('ACTION_INVALID', `${file}: nothing was recorded`, { issues })
  }
  const [counts] = await engine.all(
    `SELECT sum(CASE WHEN st = 'done' THEN 1 ELSE 0 END) AS done,
       sum(CASE WHEN st = 'skipped' THEN 1 ELSE 0 END) AS skipped FROM (${parsed}) AS p`,
  )
  await engine.run(
    `UPDATE ${ACTION_LOG_TABLE} SET state = p.st, note = p.note, closed_on = p.day, updated_at = now()::TIMESTAMP
     FROM (${parsed}) AS p WHERE ${ACTION_LOG_TABLE}.action_id = p.id AND p.st <> 'open'
       AND p.line = (SELECT max(u.line) FROM ${UPDATES} u WHERE u.id = p.id)`,
  )
  await engine.run(`DROP TABLE IF EXISTS ${UPDATES}`)
  const done = Number(counts?.done ?? 0)
  const skipped = Number(counts?.skipped ?? 0)
  return { file, rows, done, skipped, ignored: rows - done - skipped }
}
