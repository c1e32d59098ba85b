import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { EngineError } from '../engine.js'
import { DuckDBEngine } from './duckdb-engine.js'

const dir = mkdtempSync(join(tmpdir(), 'duckdb-engine-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('DuckDBEngine', () => {
  it('returns rows with BIGINT as number and columns as Float64Array', async () => {
    const e = await DuckDBEngine.open(':memory:')
    const rows = await e.all('SELECT 40 + 2 AS n, $s AS s', { s: 'x' })
    expect(rows).toEqual([{ n: 42, s: 'x' }])
    const cols = await e.columns(`SELECT i AS id, i * 1.5 AS v FROM range(3) t(i) ORDER BY i`)
    expect(cols.v).toEqual(Float64Array.from([0, 1.5, 3]))
    expect(cols.id).toBeInstanceOf(Float64Array)
    await e.close()
  })

  it('rolls a transaction back when its work throws, keeping what was there', async () => {
    const e = await DuckDBEngine.open(':memory:')
    await e.run('CREATE TABLE t (x INTEGER)')
    await e.run('INSERT INTO t VALUES (1)')
    await expect(
      e.transaction(async () => {
        await e.run('INSERT INTO t VALUES (2)')
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await e.all('SELECT x FROM t')).toEqual([{ x: 1 }])
    await e.transaction(() => e.run('INSERT INTO t VALUES (3)'))
    expect(await e.all('SELECT x FROM t ORDER BY x')).toEqual([{ x: 1 }, { x: 3 }])
    await e.close()
  })

  it('wraps a failing query in EngineError that keeps the SQL', async () => {
    const e = await DuckDBEngine.open(':memory:')
    const err = await e.run('SELECT * FROM missing_table').catch((x: unknown) => x)
    expect(err).toBeInstanceOf(EngineError)
    expect((err as EngineError).code).toBe('ENGINE_QUERY_FAILED')
    expect((err as EngineError).sql).toBe('SELECT * FROM missing_table')
    expect((err as EngineError).message).toMatch(
      /^DuckDB: Catalog Error: Table with name missing_table does not exist/,
    )
    await e.close()
  })

  it('says which store cannot be opened', async () => {
    const path = join(dir, 'no', 'such', 'dir', 'x.duckdb')
    const err = await DuckDBEngine.open(path).catch((x: unknown) => x)
    expect(err).toBeInstanceOf(EngineError)
    expect((err as EngineError).code).toBe('ENGINE_UNREACHABLE')
    expect((err as EngineError).message).toContain(`cannot open the store ${path}`)
  })

  it('reports whether a table exists', async () => {
    const e = await DuckDBEngine.open(join(dir, 'a.duckdb'))
    expect(await e.tableExists('t')).toBe(false)
    await e.run('CREATE TABLE t (x INTEGER)')
    expect(await e.tableExists('t')).toBe(true)
    await e.close()
  })
})

describe('DuckDBEngine bulk insert', () => {
  it('appends typed columns as rows, NaN and null as NULL', async () => {
    const e = await DuckDBEngine.open(':memory:')
    await e.run('CREATE TABLE t (id VARCHAR, tier INTEGER, v DOUBLE)')
    const n = await e.insertColumns('t', [
      ['a', null, 'c'],
      Int32Array.from([1, 2, 3]),
      Float64Array.from([0.5, NaN, 2]),
    ])
    expect(n).toBe(3)
    expect(await e.all('SELECT * FROM t ORDER BY tier')).toEqual([
      { id: 'a', tier: 1, v: 0.5 },
      { id: null, tier: 2, v: null },
      { id: 'c', tier: 3, v: 2 },
    ])
    await expect(
      e.insertColumns('t', [['a'], Int32Array.from([1, 2]), Float64Array.from([1])]),
    ).rejects.toThrow('invalid columns: lengths differ for t')
    await e.close()
  })
})
