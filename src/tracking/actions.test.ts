import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Engine } from '../engine/index.js'
import { ClienteleError } from '../schema/index.js'
import { importActionStates } from './action-import.js'
import { closeAction, followActions, listActions } from './actions.js'
import { emptyStore } from './test-fixtures.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-actions-'))
let engine: Engine
beforeAll(async () => {
  engine = await emptyStore()
})
afterAll(async () => {
  await engine.close()
  rmSync(dir, { recursive: true, force: true })
})

/** The action table an analysis writes, with these (customer, action, owner, due, status) rows. */
async function planned(rows: [string, string, string, string, string][]): Promise<void> {
  await engine.run(`CREATE OR REPLACE TABLE analysis_actions (customer_id VARCHAR, tier VARCHAR, action VARCHAR,
    text VARCHAR, owner VARCHAR, priority VARCHAR, due VARCHAR, value_at_stake DOUBLE, cost DOUBLE, status VARCHAR, reason VARCHAR)`)
  await engine.run(
    `INSERT INTO analysis_actions VALUES ${rows
      .map(
        ([c, a, o, d, s]) =>
          `('${c}', 'gold', '${a}', 'do ${a}', '${o}', 'high', '${d}', 100, 1, '${s}', NULL)`,
      )
      .join(', ')}`,
  )
}

describe('following actions', () => {
  it('opens the planned actions only, numbered by due date', async () => {
    await planned([
      ['c1', 'vip', 'Ann', '2024-06-15', 'planned'],
      ['c2', 'call', 'Bob', '2024-06-08', 'planned'],
      ['c3', 'call', 'Bob', '2024-06-08', 'left_out'],
    ])
    expect(await followActions(engine, 'analysis_actions', 1, '2024-06-01')).toEqual({
      opened: 2,
      alreadyOpen: 0,
    })
    const { actions } = await listActions(engine, { today: '2024-06-01' })
    expect(actions.map((a) => [a.id, a.customerId, a.action, a.due, a.state])).toEqual([
      [1, 'c2', 'call', '2024-06-08', 'open'],
      [2, 'c1', 'vip', '2024-06-15', 'open'],
    ])
  })

  it('does not duplicate open actions or reopen done ones when the analysis is run again', async () => {
    expect(await followActions(engine, 'analysis_actions', 2, '2024-06-01')).toEqual({
      opened: 0,
      alreadyOpen: 2,
    })
    await closeAction(engine, 1, 'done', { note: 'called', date: '2024-06-05' })
    expect(await followActions(engine, 'analysis_actions', 3, '2024-06-01')).toEqual({
      opened: 0,
      alreadyOpen: 1,
    })
    const { actions } = await listActions(engine, { today: '2024-06-05' })
    expect(actions.map((a) => [a.id, a.state, a.note, a.closedOn])).toEqual([
      [1, 'done', 'called', '2024-06-05'],
      [2, 'open', null, null],
    ])
  })

  it('opens the same action again once the earlier one’s period is over', async () => {
    await planned([
      ['c1', 'vip', 'Ann', '2024-07-15', 'planned'],
      ['c2', 'call', 'Bob', '2024-07-08', 'planned'],
    ])
    expect(await followActions(engine, 'analysis_actions', 4, '2024-07-01')).toEqual({
      opened: 1,
      alreadyOpen: 1,
    })
    const r = await listActions(engine, { today: '2024-06-20' })
    expect(r.actions.map((a) => [a.id, a.customerId, a.state, a.overdue])).toEqual([
      [1, 'c2', 'done', false],
      [2, 'c1', 'open', true],
      [3, 'c2', 'open', false],
    ])
    expect(r.owners).toEqual([
      { owner: 'Ann', total: 1, open: 1, done: 0, skipped: 0, overdue: 1, completionRate: 0 },
      { owner: 'Bob', total: 2, open: 1, done: 1, skipped: 0, overdue: 0, completionRate: 1 },
    ])
    const overdue = await listActions(engine, { today: '2024-06-20', overdue: true, owner: 'Ann' })
    expect(overdue.actions.map((a) => a.id)).toEqual([2])
  })

  it('needs a reason to skip, and an id that exists', async () => {
    await expect(closeAction(engine, 2, 'skipped', { date: '2024-06-20' })).rejects.toEqual(
      new ClienteleError('ACTION_INVALID', 'action 2: a skip needs a reason (--reason "…")'),
    )
    await expect(closeAction(engine, 99, 'done', { date: '2024-06-20' })).rejects.toEqual(
      new ClienteleError(
        'ACTION_NOT_FOUND',
        'no action 99: see clientele actions for the ids of the followed actions',
      ),
    )
  })

  it('imports a sheet filled in with Chinese headers and states; blank rows are left alone', async () => {
    const file = join(dir, 'filled.csv')
    writeFileSync(file, '编号,客户编号,状态,备注\n2,c1,跳过,客户已停业\n3,c2,已完成,\n1,c2,,\n')
    expect(await importActionStates(engine, file, '2024-07-10')).toEqual({
      file,
      rows: 3,
      done: 1,
      skipped: 1,
      ignored: 1,
    })
    const { actions } = await listActions(engine, { today: '2024-07-10' })
    expect(actions.map((a) => [a.id, a.state, a.note, a.closedOn])).toEqual([
      [1, 'done', 'called', '2024-06-05'],
      [2, 'skipped', '客户已停业', '2024-07-10'],
      [3, 'done', null, '2024-07-10'],
    ])
  })

  it('rejects a sheet with unknown ids, unknown states or skips without a reason, recording nothing', async () => {
    const file = join(dir, 'bad.csv')
    writeFileSync(file, 'action_id,state,note\n99,done,\n3,maybe,\n3,skipped,\n')
    const e = await importActionStates(engine, file, '2024-07-11').catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ClienteleError)
    expect((e as ClienteleError).message).toBe(`${file}: nothing was recorded`)
    expect((e as ClienteleError).issues).toEqual([
      {
        code: 'ACTION_NOT_FOUND',
        file,
        line: 2,
        column: 'action_id',
        value: '99',
        message: 'no followed action has this id',
      },
      {
        code: 'ACTION_INVALID',
        file,
        line: 3,
        column: 'state',
        value: 'maybe',
        message: 'expected done, skipped or open (完成、跳过、待办)',
      },
      {
        code: 'ACTION_INVALID',
        file,
        line: 4,
        column: 'note',
        message: 'a skipped action needs a reason',
      },
    ])
    const { actions } = await listActions(engine, { today: '2024-07-11' })
    expect(actions.find((a) => a.id === 3)?.state).toBe('done')
  })
})
