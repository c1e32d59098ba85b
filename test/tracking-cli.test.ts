// The tracking commands as a user meets them: snapshots from analyze, compare as JSON, errors
// with their codes, actions followed through a re-run, and the effect without a control.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actions, analyze, importData } from '../src/app/index.js'
import { generateDataset } from '../src/ingest/index.js'
import { cli } from './support/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-tracking-cli-'))
const store = join(dir, 'store.duckdb')
const json = (args: string[]) => {
  const r = cli([...args, '--store', store, '--json'])
  expect(r.status, r.stderr).toBe(0)
  return JSON.parse(r.stdout)
}

beforeAll(async () => {
  const g = await generateDataset({
    customers: 300,
    seed: 11,
    outDir: join(dir, 'data'),
    lang: 'en',
    start: '2023-01-01',
    end: '2024-12-31',
    move: { customers: 40, fromDay: '2024-06-01', effect: 'churn' },
  })
  const files = g.files.filter((f) => f.table !== 'truth').map((f) => f.path)
  expect((await importData({ store, files })).ok).toBe(true)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('clientele tracking commands', () => {
  it('keeps a snapshot per --as-of; only the latest opens actions; compare prints the matrix as JSON', () => {
    const runs = json([
      'analyze',
      '--as-of',
      '2024-12-01',
      '--as-of',
      '2024-06-01',
      '--policy',
      'rfm-segments',
      '--formats',
      'json',
      '--out',
      join(dir, 'out'),
    ])
    expect(runs.map((r: { asOf: string }) => r.asOf)).toEqual(['2024-06-01', '2024-12-01'])
    expect(runs[0].snapshot.actions).toBeNull()
    expect(runs[1].snapshot.actions.opened).toBeGreaterThan(0)
    const c = json(['compare', '1', '2'])
    expect(Object.keys(c)).toEqual(expect.arrayContaining(['from', 'to', 'matrix', 'moved']))
    expect([c.from.id, c.to.id]).toEqual([1, 2])
    const sum = Object.values(c.matrix as Record<string, Record<string, number>>)
      .flatMap((r) => Object.values(r))
      .reduce((a, b) => a + b, 0)
    expect(sum).toBe(c.customers)
    expect(c.moved[0]).toEqual({
      customerId: expect.any(String),
      from: expect.any(String),
      to: expect.any(String),
      direction: expect.stringMatching(/^(up|down)$/),
      value: expect.any(Number),
      driver: expect.objectContaining({ indicator: expect.any(String) }),
      reason: { from: expect.any(String), to: expect.any(String) },
    })
  })

  it('fails with the code and an actionable message for a snapshot that is not there', () => {
    const r = cli(['forget', '99', '--store', store, '--json'])
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout)).toEqual({
      error: 'no snapshot 99: see clientele history for the snapshots in the store',
      code: 'SNAPSHOT_NOT_FOUND',
      issues: [],
      totalIssues: 0,
    })
  })

  it('records done and skipped actions, and a re-run neither reopens nor duplicates them', async () => {
    const before = json(['actions', '--today', '2025-01-15'])
    const [a, b, c] = before.actions as { id: number }[]
    expect(
      json(['actions', 'done', String(a!.id), '--note', 'called', '--date', '2025-01-05']),
    ).toMatchObject({ state: 'done', note: 'called' })
    expect(json(['actions', 'skip', String(b!.id), '--reason', 'closed down'])).toMatchObject({
      state: 'skipped',
    })
    const sheet = join(dir, 'filled.csv')
    writeFileSync(sheet, `action_id,state,note\n${c!.id},完成,visited\n`)
    expect(json(['actions', 'import', sheet, '--today', '2025-01-10'])).toMatchObject({
      done: 1,
      skipped: 0,
    })
    const again = await analyze({ store, asOf: '2024-12-01', policy: 'rfm-segments', formats: [] })
    expect(again.snapshot.actions?.opened).toBe(0)
    const after = await actions({ store, today: '2025-01-15' })
    expect(after.actions).toHaveLength(before.actions.length)
    const state = (id: number) => after.actions.find((x) => x.id === id)!
    expect([state(a!.id).state, state(b!.id).state, state(c!.id).state]).toEqual([
      'done',
      'skipped',
      'done',
    ])
    const owner = after.owners.find((o) => o.owner === state(a!.id).owner)!
    expect(owner.done).toBeGreaterThanOrEqual(1)
    expect(owner.completionRate).toBeGreaterThan(0)
  })

  it('says the effect is before/after only when the file has no control group', () => {
    const file = join(dir, 'treated.csv')
    writeFileSync(
      file,
      'customer_id,action,date\nC0000001,call,2024-09-01\nC0000002,call,2024-09-01\n',
    )
    const e = json(['effect', file])
    expect(e.design).toBe('before-after')
    expect(e.note.en).toContain('before/after only')
  })
})
