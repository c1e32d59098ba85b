import { describe, expect, it } from 'vitest'
import type { ClienteleError } from '../schema/index.js'
import { parsePolicyText } from '../tiering/index.js'
import { measureKpis } from './kpis.js'
import { analysisTable, emptyStore } from './test-fixtures.js'

const policy = (kpis: string) =>
  parsePolicyText(
    `id: p
name: { zh: 甲, en: P }
tiers:
  - { id: gold, name: { zh: 金, en: Gold }, when: monetary >= 1000 }
  - { id: rest, name: { zh: 余, en: Rest } }
default: rest
kpis:
${kpis}`,
    'p.yaml',
  )

describe('KPIs', () => {
  it('are an optional policy section whose tier must be one of the policy’s', () => {
    expect(
      policy(
        `  - { id: share, name: { zh: 占比, en: Share }, indicator: monetary, aggregate: share }\n`,
      ).kpis,
    ).toEqual([
      { id: 'share', name: { zh: '占比', en: 'Share' }, indicator: 'monetary', aggregate: 'share' },
    ])
    const e = (() => {
      try {
        policy(
          `  - { id: x, name: { zh: 甲, en: X }, tier: silver, indicator: monetary, aggregate: median }\n`,
        )
      } catch (x) {
        return x as ClienteleError
      }
    })()
    expect(e?.issues.map((i) => [i.path, i.line, i.message])).toEqual([
      ['kpis.0.aggregate', 8, 'Invalid option: expected one of "mean"|"sum"|"share"'],
    ])
    const t = (() => {
      try {
        policy(
          `  - { id: x, name: { zh: 甲, en: X }, tier: silver, indicator: monetary, aggregate: sum }\n`,
        )
      } catch (x) {
        return x as ClienteleError
      }
    })()
    expect(t?.issues.map((i) => [i.path, i.message])).toEqual([
      ['kpis.0.tier', 'no tier with id silver (tiers: gold, rest)'],
    ])
  })

  it('measure a share of the positive total, a mean and a sum, per tier and over all', async () => {
    const engine = await emptyStore()
    await analysisTable(engine, [
      { id: 'a', tier: 'gold', recency: 1, frequency: 4, monetary: 3000 },
      { id: 'b', tier: 'rest', recency: 9, frequency: 2, monetary: 1000 },
      { id: 'c', tier: 'rest', recency: 9, frequency: 0, monetary: -50 },
    ])
    const p = policy(
      `  - { id: share, name: { zh: 占比, en: Share }, indicator: monetary, aggregate: share }
  - { id: f, name: { zh: 频次, en: F }, tier: rest, indicator: frequency, aggregate: mean }
`,
    )
    await engine.run(
      `CREATE TABLE snapshot_kpis (snapshot_id INTEGER, kpi_id VARCHAR, tier VARCHAR, value DOUBLE)`,
    )
    expect(await measureKpis(engine, 'analysis', 1, p.kpis!)).toEqual([])
    expect(
      await engine.all(`SELECT kpi_id, tier, value FROM snapshot_kpis ORDER BY kpi_id, tier`),
    ).toEqual([
      { kpi_id: 'f', tier: 'rest', value: 1 },
      { kpi_id: 'share', tier: '*', value: 1 },
      { kpi_id: 'share', tier: 'gold', value: 0.75 },
      { kpi_id: 'share', tier: 'rest', value: 0.25 },
    ])
    await engine.close()
  })
})
