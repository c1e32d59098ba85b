import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startCluster,
  stopCluster,
  type ClickHouseCluster,
} from '../../../test/support/clickhouse.js'
import { TABLE_KINDS } from '../../schema/index.js'
import { ClickHouseEngine } from './clickhouse-engine.js'
import { distributedTableDdl, ensureClusterSchema, localTableDdl } from './clickhouse-schema.js'

let cluster: ClickHouseCluster | undefined
let shards: ClickHouseEngine[]

beforeAll(async () => {
  cluster = await startCluster()
  shards = await cluster.engines('store')
})
afterAll(() => stopCluster(cluster))

const count = async (e: ClickHouseEngine, sql: string) =>
  (await e.all<{ n: number }>(`SELECT count() AS n FROM ${sql}`))[0]!.n

describe('the store on a ClickHouse cluster', () => {
  it('writes a MergeTree table per shard and a Distributed table sharded by customer', () => {
    const e = shards[0]!
    expect(localTableDdl(e, 'interactions')).toBe(
      'CREATE TABLE IF NOT EXISTS `interactions_local` (`customer_id` String, `date` Date, `type` String, ' +
        '`channel` Nullable(String), `outcome` Nullable(String), attributes Nullable(String), row_key String, ' +
        'row_hash String, import_id Int32, source_line Nullable(Int64)) ENGINE = MergeTree() ORDER BY (`customer_id`, `date`)',
    )
    expect(localTableDdl(e, 'customers')).toMatch(/ORDER BY \(`customer_id`\)$/)
    expect(distributedTableDdl(e, 'interactions', 'clientele')).toBe(
      'CREATE TABLE IF NOT EXISTS `interactions` AS `interactions_local`\n' +
        '    ENGINE = Distributed(`clientele`, `store`, `interactions_local`, cityHash64(customer_id))',
    )
  })

  it('creates every table on every shard, and can run again', async () => {
    await ensureClusterSchema(shards[0]!, { cluster: cluster!.cluster, shards })
    await ensureClusterSchema(shards[1]!, { cluster: cluster!.cluster, shards })
    for (const s of shards) {
      for (const kind of TABLE_KINDS) {
        expect(await s.tableExists(kind)).toBe(true)
        expect(await s.tableExists(`${kind}_local`)).toBe(true)
      }
    }
  })

  it("keeps each customer's rows on one shard and shows all of them through any shard", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `C${i}`)
    const rows = ids.flatMap((id) => [id, id])
    await shards[0]!.insertColumns('interactions', [
      rows,
      rows.map((_, i) => `2024-01-${String((i % 28) + 1).padStart(2, '0')}`),
      rows.map(() => 'call'),
      rows.map(() => null),
      rows.map(() => null),
      rows.map(() => null),
      rows.map((_, i) => String(i)),
      rows.map((_, i) => String(i)),
      Int32Array.from(rows, () => 1),
      Float64Array.from(rows, () => NaN),
    ])
    const local = await Promise.all(shards.map((s) => count(s, 'interactions_local')))
    expect(local.every((n) => n > 0)).toBe(true)
    expect(local[0]! + local[1]!).toBe(80)
    for (const s of shards) expect(await count(s, 'interactions')).toBe(80)
    const split = await Promise.all(
      shards.map((s) =>
        s.all<{ customer_id: string }>('SELECT DISTINCT customer_id FROM interactions_local'),
      ),
    )
    const [a, b] = split.map((r) => new Set(r.map((x) => x.customer_id)))
    expect([...a!].filter((id) => b!.has(id))).toEqual([])
  })

  it('refuses shards on different databases', async () => {
    const other = await ClickHouseEngine.open(cluster!.url('elsewhere', 1))
    await expect(
      ensureClusterSchema(shards[0]!, { cluster: cluster!.cluster, shards: [shards[0]!, other] }),
    ).rejects.toThrow('invalid cluster schema: shards use different databases (store, elsewhere)')
  })
})
