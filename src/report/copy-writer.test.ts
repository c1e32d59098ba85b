import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openEngine, type Engine } from '../engine/index.js'
import { copyCsv, copyFiles, copyParquet } from './copy-writer.js'

const root = mkdtempSync(join(tmpdir(), 'clientele-copy-'))
let engine: Engine
beforeAll(async () => {
  engine = await openEngine(':memory:')
  await engine.run('SET threads = 3')
  await engine.run(
    `CREATE TABLE t AS SELECT i AS k, 'row ' || i AS v FROM range(5000) r(i) ORDER BY hash(i)`,
  )
})
afterAll(async () => {
  await engine.close()
  rmSync(root, { recursive: true, force: true })
})

const threads = async () =>
  Number((await engine.all<{ n: number }>(`SELECT current_setting('threads') AS n`))[0]!.n)
const source = (orderBy: string, expr = 'k') => ({
  select: [
    { expr, name: 'k' },
    { expr: 'v', name: 'v' },
  ],
  from: 't',
  orderBy,
})

it('writes the rows in order, and gives the engine its threads back', async () => {
  const path = join(root, 'sorted.csv')
  expect(await copyCsv(engine, source('k'), path)).toBe(5000)
  const lines = readFileSync(path, 'utf8').split('\n')
  expect(lines.slice(0, 3)).toEqual(['\uFEFFk,v', '0,row 0', '1,row 1'])
  expect(lines[5000]).toBe('4999,row 4999')
  expect(await threads()).toBe(3)
  expect(await copyParquet(engine, source('k'), join(root, 'sorted.parquet'))).toBe(5000)
  expect(await threads()).toBe(3)
})

it('gives the threads back and leaves no file when the copy fails', async () => {
  const path = join(root, 'failed.csv')
  await expect(copyCsv(engine, source('', 'no_such_column'), path)).rejects.toThrow(
    /no_such_column/,
  )
  expect(existsSync(path)).toBe(false)
  expect(existsSync(`${path}.part`)).toBe(false)
  expect(await threads()).toBe(3)
})

it('writes several files at once, each whole and in order, then gives the threads back', async () => {
  const csv = join(root, 'at-once.csv')
  const byValue = join(root, 'at-once-by-v.csv')
  const parquet = join(root, 'at-once.parquet')
  const done: number[] = []
  const rows = await copyFiles(
    engine,
    [
      { source: source('k'), path: csv, format: 'csv' },
      { source: source('v DESC'), path: byValue, format: 'csv' },
      { source: source('k DESC'), path: parquet, format: 'parquet' },
    ],
    (i) => done.push(i),
  )
  expect(rows).toEqual([5000, 5000, 5000])
  expect(done.toSorted()).toEqual([0, 1, 2])
  expect(readFileSync(csv, 'utf8').split('\n').slice(0, 3)).toEqual([
    '\uFEFFk,v',
    '0,row 0',
    '1,row 1',
  ])
  // 'row 999' sorts last among 'row 0' … 'row 4999' as text, so first in descending order.
  expect(readFileSync(byValue, 'utf8').split('\n')[1]).toBe('999,row 999')
  const back = await engine.all<{ k: number }>(
    `SELECT k FROM read_parquet(${engine.dialect.quoteString(parquet)}) LIMIT 2`,
  )
  expect(back.map((r) => Number(r.k))).toEqual([4999, 4998])
  expect(await threads()).toBe(3)
})

it('waits for the other files when one fails, then throws its error', async () => {
  const good = join(root, 'beside-failure.csv')
  const bad = join(root, 'failure.parquet')
  await expect(
    copyFiles(engine, [
      { source: source('', 'no_such_column'), path: bad, format: 'parquet' },
      { source: source('k'), path: good, format: 'csv' },
    ]),
  ).rejects.toThrow(/no_such_column/)
  expect(readFileSync(good, 'utf8').split('\n')).toHaveLength(5002)
  expect(existsSync(bad)).toBe(false)
  expect(existsSync(`${bad}.part`)).toBe(false)
  expect(await threads()).toBe(3)
})
