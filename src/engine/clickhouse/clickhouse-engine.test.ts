import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startCluster,
  stopCluster,
  type ClickHouseCluster,
} from '../../../test/support/clickhouse.js'
import { ClienteleError } from '../../schema/index.js'
import { EngineError } from '../engine.js'
import { openEngine } from '../index.js'
import { ClickHouseEngine } from './clickhouse-engine.js'

let cluster: ClickHouseCluster | undefined
let e: ClickHouseEngine
let closedPort: number

/** A loopback port nothing listens on. */
function unusedPort(): Promise<number> {
  return new Promise((ok) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => ok(port))
    })
  })
}

async function failure(p: Promise<unknown>): Promise<EngineError> {
  const err = await p.then(
    () => undefined,
    (x: unknown) => x,
  )
  expect(err).toBeInstanceOf(EngineError)
  return err as EngineError
}

beforeAll(async () => {
  cluster = await startCluster({ shards: 1 })
  e = await ClickHouseEngine.open(cluster.url('default'))
  closedPort = await unusedPort()
})
afterAll(() => stopCluster(cluster))

describe('ClickHouseEngine', () => {
  it('returns rows with 64-bit integers as number, dates as Date and escaped text intact', async () => {
    const rows = await e.all(
      `SELECT toUInt64(42) AS n, toInt64(-9007199254740993) AS big, toDate('2024-01-05') AS d,
        CAST(NULL AS Nullable(String)) AS s, 'a\\tb\\nc\\\\d' AS t, 1.5 AS f, 0 / 0 AS nn`,
    )
    expect(rows).toEqual([
      {
        n: 42,
        big: -9007199254740993n,
        d: new Date('2024-01-05T00:00:00Z'),
        s: null,
        t: 'a\tb\nc\\d',
        f: 1.5,
        nn: NaN,
      },
    ])
  })

  it('returns columns as Float64Array for numbers, NULL as NaN, and arrays for the rest', async () => {
    const cols = await e.columns(
      `SELECT number AS id, if(number = 1, NULL, number * 1.5) AS v, toString(number) AS s
       FROM system.numbers LIMIT 3`,
    )
    expect(cols.id).toEqual(Float64Array.from([0, 1, 2]))
    expect(cols.v).toEqual(Float64Array.from([0, NaN, 3]))
    expect(cols.s).toEqual(['0', '1', '2'])
    expect(await e.columns('SELECT 1 AS x WHERE 0')).toEqual({ x: new Float64Array(0) })
  })

  it.each([
    ["x' OR 1 = 1 --", 'a quote and a comment'],
    ["\\'; DROP TABLE victim; --", 'a backslash before the quote'],
    ['\\', 'a trailing backslash'],
    ['$other', 'a placeholder inside the value'],
    ['a\nb\t\0c', 'control characters'],
  ])('binds %j (%s) as a value, never as SQL', async (value) => {
    await e.run('CREATE TABLE IF NOT EXISTS victim (x UInt8) ENGINE = Memory')
    const rows = await e.all(`SELECT $v AS v, $other AS o, '$v' AS kept`, { v: value, other: -1 })
    expect(rows).toEqual([{ v: value, o: -1, kept: '$v' }])
    expect(await e.tableExists('victim')).toBe(true)
  })

  it('binds numbers, bigints, booleans and NULL as literals of their own', async () => {
    const rows = await e.all('SELECT $a AS a, $b AS b, $c AS c, $d AS d, 1 - $e AS e', {
      a: 0.1,
      b: 12345678901234567890n,
      c: true,
      d: null,
      e: -2,
    })
    expect(rows).toEqual([{ a: 0.1, b: 12345678901234567890n, c: 1, d: null, e: 3 }])
  })

  it('appends typed columns in batches, NaN and null as NULL', async () => {
    const b = await ClickHouseEngine.open(cluster!.url('default'), { batchRows: 2 })
    await b.run(
      'CREATE TABLE t (id Nullable(String), tier Int32, v Nullable(Float64)) ENGINE = Memory',
    )
    const n = await b.insertColumns('t', [
      ['a\tb', null, 'c\\n'],
      Int32Array.from([1, 2, 3]),
      Float64Array.from([0.1, NaN, -2e-7]),
    ])
    expect(n).toBe(3)
    expect(await b.all('SELECT * FROM t ORDER BY tier')).toEqual([
      { id: 'a\tb', tier: 1, v: 0.1 },
      { id: null, tier: 2, v: null },
      { id: 'c\\n', tier: 3, v: -2e-7 },
    ])
    await expect(b.insertColumns('t', [['a'], Int32Array.from([1, 2]), [null]])).rejects.toThrow(
      'invalid columns: lengths differ for t',
    )
    const batches = [4, 6].map((k) => [
      [`b${k}`, `b${k + 1}`],
      Int32Array.from([k, k + 1]),
      Float64Array.from([k, NaN]),
    ])
    expect(await b.appendBatches('t', batches)).toBe(4)
    expect(await b.all('SELECT id, v FROM t WHERE tier > 3 ORDER BY tier')).toEqual([
      { id: 'b4', v: 4 },
      { id: 'b5', v: null },
      { id: 'b6', v: 6 },
      { id: 'b7', v: null },
    ])
  })

  it('reports whether a table exists in its database', async () => {
    expect(await e.tableExists('nope')).toBe(false)
    await e.run('CREATE TABLE present (x UInt8) ENGINE = Memory')
    expect(await e.tableExists('present')).toBe(true)
  })

  it('runs transaction work directly: there is no rollback, so what was written stays', async () => {
    await e.run('CREATE TABLE kept (x UInt8) ENGINE = Memory')
    const work = e.transaction(async () => {
      await e.run('INSERT INTO kept VALUES (1)')
      throw new Error('boom')
    })
    await expect(work).rejects.toThrow('boom')
    expect(await e.all('SELECT x FROM kept')).toEqual([{ x: 1 }])
  })
})

describe('ClickHouseEngine errors', () => {
  it("wraps a failing query in EngineError that keeps the SQL and ClickHouse's message", async () => {
    const err = await failure(e.run('SELECT * FROM missing_table'))
    expect(err.code).toBe('ENGINE_QUERY_FAILED')
    expect(err.sql).toBe('SELECT * FROM missing_table')
    expect(err.message).toMatch(
      /^ClickHouse: DB::Exception: Table default\.missing_table (doesn't|does not) exist/,
    )
  })

  it('says which server cannot be reached', async () => {
    const err = await failure(ClickHouseEngine.open(`clickhouse://127.0.0.1:${closedPort}/x`))
    expect(err.code).toBe('ENGINE_UNREACHABLE')
    expect(err.message).toBe(
      `ClickHouse at 127.0.0.1:${closedPort} is unreachable: connect ECONNREFUSED 127.0.0.1:${closedPort}`,
    )
  })

  it('names the shard a distributed query cannot reach', async () => {
    const sql = `SELECT * FROM remote('127.0.0.1:${closedPort}', system.one)`
    const err = await failure(e.all(sql))
    expect(err.code).toBe('ENGINE_UNREACHABLE')
    expect(err.sql).toBe(sql)
    expect(err.message).toBe(
      `ClickHouse at 127.0.0.1:${cluster!.shards[0]!.http} cannot reach the shard at 127.0.0.1:${closedPort}: Connection refused`,
    )
  })
})

describe('the test cluster', () => {
  it('fails, naming the Debian packages, when no server is installed', async () => {
    const started = startCluster({ server: '/nonexistent/clickhouse-server' })
    const err = (await started.then(stopCluster, (x: unknown) => x)) as Error
    const why = 'no /nonexistent/clickhouse-server binary found'
    expect(err.message).toBe(
      process.env.CI === 'true'
        ? `ClickHouse not installed (CI=true, so this fails): install Debian's clickhouse-server and clickhouse-client packages, as .ci/run does (${why})`
        : `ClickHouse not installed: a failed precondition of these tests, which need a real server (apt-get install clickhouse-server clickhouse-client; ${why})`,
    )
  })
})

describe('openEngine with a clickhouse:// store', () => {
  it('opens the ClickHouse engine on the named database and orders table', async () => {
    const url = `${cluster!.url('default')}?table=orders&timeout=30`
    const o = await openEngine(url)
    expect(o).toBeInstanceOf(ClickHouseEngine)
    expect(o.kind).toBe('clickhouse')
    expect((o as ClickHouseEngine).ordersTable).toBe('orders')
    expect((o as ClickHouseEngine).endpoint.timeoutMs).toBe(30_000)
  })

  it('sends the user and password, and names neither in the error a wrong password gives', async () => {
    const port = cluster!.shards[0]!.http
    const err = await failure(openEngine(`clickhouse://default:s3cr%40t@127.0.0.1:${port}/default`))
    expect(err.code).toBe('ENGINE_QUERY_FAILED')
    expect(err.message).toMatch(/^ClickHouse: DB::Exception: Wrong password for user default/)
    expect(err.message).not.toContain('s3cr')
  })

  it('rejects an option it does not know', async () => {
    const err = await openEngine(`${cluster!.url('default')}?tabel=orders`).catch((x: unknown) => x)
    expect(err).toBeInstanceOf(ClienteleError)
    expect((err as ClienteleError).code).toBe('USAGE')
    expect((err as ClienteleError).message).toBe(
      'invalid ClickHouse store option: tabel=orders (expected table=NAME or timeout=SECONDS)',
    )
  })
})
