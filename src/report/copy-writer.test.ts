import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openEngine, type Engine } from '../engine/index.js'
import { copyCsv, copyParquet } from './copy-writer.js'

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
