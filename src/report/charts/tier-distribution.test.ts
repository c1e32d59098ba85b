import { describe, expect, it } from 'vitest'
import { normaliseSvg } from './normalise.js'
import { TIER_PALETTE } from './palette.js'
import { expectDeterministic, marks, snapshotPath, texts } from './testing.js'
import { tierDistributionChart, type TierDistributionData } from './tier-distribution.js'

const DATA: TierDistributionData = {
  tiers: [
    { id: 'A', name: { zh: '重要价值客户', en: 'Key' }, customers: 120, value: 620_000 },
    { id: 'B', name: { zh: '重要发展客户', en: 'Develop' }, customers: 380, value: 250_000 },
    { id: 'C', name: { zh: '一般客户', en: 'Regular' }, customers: 900, value: 110_000 },
    { id: 'D', name: { zh: '低价值客户', en: 'Low' }, customers: 600, value: 20_000 },
  ],
}

describe('tierDistributionChart', () => {
  it('matches the zh snapshot and renders identically twice', async () => {
    const svg = expectDeterministic(tierDistributionChart, DATA, { lang: 'zh' })
    await expect(svg).toMatchFileSnapshot(snapshotPath('tier-distribution-zh'))
  })

  it('matches the en snapshot', async () => {
    const svg = normaliseSvg(tierDistributionChart(DATA, { lang: 'en' }))
    await expect(svg).toMatchFileSnapshot(snapshotPath('tier-distribution-en'))
  })

  it('draws one segment per tier in each of the two bars', () => {
    expect(marks(tierDistributionChart(DATA, { lang: 'en' }))).toBe(8)
  })

  it('names tiers, title and totals in the chosen language', () => {
    const zh = texts(tierDistributionChart(DATA, { lang: 'zh' }))
    expect(zh).toEqual(
      expect.arrayContaining(['客户分级分布', '重要价值客户', '低价值客户', '2,000']),
    )
    expect(zh).not.toContain('Key')
    const en = texts(tierDistributionChart(DATA, { lang: 'en' }))
    expect(en).toEqual(expect.arrayContaining(['Tier distribution', 'Key', 'Low', '1M']))
    expect(en).not.toContain('重要价值客户')
  })

  it('prints each share, and hides labels of segments under 5 % which would not fit', () => {
    const labels = texts(tierDistributionChart(DATA, { lang: 'en' }))
    // customers 6/19/45/30 %, value 62/25/11/2 %: the 2 % segment stays unlabelled
    expect(labels).toEqual(expect.arrayContaining(['6%', '19%', '45%', '30%', '62%', '25%', '11%']))
    expect(labels).not.toContain('2%')
  })

  it('colours tiers by their policy order, so a tier looks the same in every chart', () => {
    const svg = tierDistributionChart(DATA, { lang: 'en' })
    for (const color of TIER_PALETTE.slice(0, 4)) expect(svg).toContain(`fill="${color}"`)
  })

  it('keeps shares at zero rather than NaN when every tier is empty', () => {
    const empty = { tiers: DATA.tiers.map((t) => ({ ...t, customers: 0, value: 0 })) }
    expect(tierDistributionChart(empty, { lang: 'en' })).not.toContain('NaN')
  })
})
