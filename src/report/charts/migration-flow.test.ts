import { describe, expect, it } from 'vitest'
import { migrationFlowChart, type MigrationFlowData } from './migration-flow.js'
import { normaliseSvg } from './normalise.js'
import { expectDeterministic, snapshotPath, texts } from './testing.js'

const DATA: MigrationFlowData = {
  from: '2024-06',
  to: '2024-12',
  tiers: [
    { id: 'A', name: { zh: '重要价值客户', en: 'Key' } },
    { id: 'B', name: { zh: '重要发展客户', en: 'Develop' } },
    { id: 'C', name: { zh: '一般客户', en: 'Regular' } },
    { id: 'D', name: { zh: '低价值客户', en: 'Low' } },
  ],
  flows: [
    { from: 'A', to: 'A', customers: 100 },
    { from: 'A', to: 'B', customers: 20 },
    { from: 'B', to: 'A', customers: 30 },
    { from: 'B', to: 'B', customers: 250 },
    { from: 'B', to: 'C', customers: 100 },
    { from: 'C', to: 'B', customers: 80 },
    { from: 'C', to: 'C', customers: 600 },
    { from: 'C', to: 'D', customers: 220 },
    { from: 'D', to: 'C', customers: 60 },
    { from: 'D', to: 'D', customers: 540 },
  ],
}

describe('migrationFlowChart', () => {
  it('matches the zh snapshot and renders identically twice', async () => {
    const svg = expectDeterministic(migrationFlowChart, DATA, { lang: 'zh' })
    await expect(svg).toMatchFileSnapshot(snapshotPath('migration-flow-zh'))
  })

  it('matches the en snapshot', async () => {
    const svg = normaliseSvg(migrationFlowChart(DATA, { lang: 'en' }))
    await expect(svg).toMatchFileSnapshot(snapshotPath('migration-flow-en'))
  })

  it('shows each tier on both sides with its customers at that snapshot, in the chosen language', () => {
    const zh = texts(migrationFlowChart(DATA, { lang: 'zh' }))
    // 重要发展客户: 380 at 2024-06 (30 + 250 + 100), 350 at 2024-12 (20 + 250 + 80)
    expect(zh).toEqual(
      expect.arrayContaining(['客户等级迁移', '2024-06', '2024-12', '重要发展客户', '380', '350']),
    )
    expect(zh.filter((t) => t === '重要价值客户')).toHaveLength(2)
    expect(texts(migrationFlowChart(DATA, { lang: 'en' })).filter((t) => t === 'Low')).toHaveLength(
      2,
    )
  })

  it('draws one band per flow between the two columns', () => {
    const svg = migrationFlowChart(DATA, { lang: 'en' })
    const bands = svg.match(/<path [^>]*fill-opacity="0.32"[^>]*>/g) ?? []
    expect(bands).toHaveLength(DATA.flows.length)
  })

  it('sums who stayed, moved up (to an earlier tier) and moved down', () => {
    // of 2,000: stayed 1,490; up 30 + 80 + 60 = 170; down 20 + 100 + 220 = 340
    expect(texts(migrationFlowChart(DATA, { lang: 'en' }))).toContain(
      'Stayed 75% · moved up 9% · moved down 17%',
    )
    expect(texts(migrationFlowChart(DATA, { lang: 'zh' }))).toContain(
      '维持 75% · 升级 9% · 降级 17%',
    )
  })

  it('refuses a flow to a tier that is not listed', () => {
    const stray = { ...DATA, flows: [{ from: 'A', to: 'Z', customers: 1 }] }
    expect(() => migrationFlowChart(stray, { lang: 'en' })).toThrow(
      new Error('invalid migration tier: Z'),
    )
  })
})
