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

  it('opens sessions that share committed tables, not transactions or temporary tables', async () => {
    const e = await DuckDBEngine.open(join(dir, 'sessions.duckdb'))
    await e.run('CREATE TABLE t (x INTEGER)')
    await e.run('CREATE TEMP TABLE mine (x INTEGER)')
    const s = await e.session()
    // The parsing macros are there on the new connection too.
    expect(await s.all(`SELECT clientele_parse_number('¥1,234.50') AS n`)).toEqual([{ n: 1234.5 }])
    await e.transaction(async () => {
      await e.run('INSERT INTO t VALUES (1)')
      expect(await s.all('SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }])
    })
    expect(await s.all('SELECT x FROM t')).toEqual([{ x: 1 }])
    await expect(s.all('SELECT * FROM mine')).rejects.toThrow(/mine does not exist/)
    await s.close()
    // Closing the session left the store open.
    expect(await e.all('SELECT x FROM t')).toEqual([{ x: 1 }])
    await e.close()
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
    await expect(
      e.insertColumns('t', [['a'], Float64Array.from([1]), Float64Array.from([1])]),
    ).rejects.toThrow('column 2 of t is INTEGER, given DOUBLE values')
    await expect(e.insertColumns('t', [['a'], Int32Array.from([1])])).rejects.toThrow(
      't has 3 columns, 2 given',
    )
    expect(await e.all('SELECT count(*) AS n FROM t')).toEqual([{ n: 3 }])
    await e.close()
  })

  it('appends batches through one appender, across chunks of 2,048 rows, each value in place', async () => {
    const e = await DuckDBEngine.open(':memory:')
    await e.run('CREATE TABLE t (i INTEGER, v DOUBLE, s VARCHAR)')
    // 5,000 rows per batch: chunks of 2,048, 2,048 and 904; NULLs on both sides of a chunk
    // edge and in the short last chunk, so a validity mask left over from one chunk shows.
    const batch = (from: number) => {
      const n = 5000
      const i = Int32Array.from({ length: n }, (_, k) => from + k - 2)
      const v = Float64Array.from({ length: n }, (_, k) =>
        k === 2047 || k === 4999 ? NaN : (from + k) / 4,
      )
      const s = Array.from({ length: n }, (_, k) => (k === 2048 ? null : `名${from + k}`))
      return [i, v, s] as const
    }
    async function* batches() {
      yield batch(0)
      await new Promise((r) => setTimeout(r, 1))
      yield batch(5000)
    }
    expect(await e.appendBatches('t', batches())).toBe(10_000)
    expect(
      await e.all(`SELECT count(*) AS n, count(v) AS v, count(s) AS s, min(i) AS lo, max(i) AS hi,
          sum(v) AS total, count(*) FILTER (WHERE s = '名' || (i + 2)) AS named,
          count(*) FILTER (WHERE v = (i + 2) / 4) AS exact
        FROM t`),
    ).toEqual([
      {
        n: 10_000,
        v: 9996,
        s: 9998,
        lo: -2,
        hi: 9997,
        // Σ k/4 over 0…9999 less the four NULLs: 2047, 4999, 7047 and 9999.
        total: (9999 * 10_000) / 2 / 4 - (2047 + 4999 + 7047 + 9999) / 4,
        named: 9998,
        exact: 9996,
      },
    ])
    expect(await e.all('SELECT i, v, s FROM t WHERE i IN (2045, 2046, 7046) ORDER BY i')).toEqual([
      { i: 2045, v: null, s: '名2047' },
      { i: 2046, v: 2048 / 4, s: null },
      { i: 7046, v: 7048 / 4, s: null },
    ])
    // Plain arrays of batches work too, and an empty batch appends nothing.
    expect(
      await e.appendBatches('t', [
        [Int32Array.from([7]), Float64Array.from([1]), ['x']],
        [new Int32Array(0), new Float64Array(0), []],
      ]),
    ).toBe(1)
    await e.close()
  })
})
