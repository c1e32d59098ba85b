import { describe, expect, it } from 'vitest'
import { normaliseSvg } from './normalise.js'
import { expectDeterministic, marks, snapshotPath, texts } from './testing.js'
import { tierProfileChart, type TierProfileData } from './tier-profile.js'

const DATA: TierProfileData = {
  tiers: [
    { id: 'A', name: { zh: '重要价值客户', en: 'Key' } },
    { id: 'B', name: { zh: '重要发展客户', en: 'Develop' } },
    { id: 'C', name: { zh: '一般客户', en: 'Regular' } },
    { id: 'D', name: { zh: '低价值客户', en: 'Low' } },
  ],
  indicators: [
    {
      name: 'recency_days',
      label: { zh: '距上次购买天数', en: 'Days since last order' },
      medians: [12, 35, 80, 210],
    },
    { name: 'frequency', label: { zh: '购买次数', en: 'Orders' }, medians: [18, 7, 3, 1] },
    { name: 'aov', label: { zh: '客单价', en: 'Average order' }, medians: [1_450, 980, 420, 260] },
    {
      name: 'monetary',
      label: { zh: '累计金额', en: 'Total spend' },
      medians: [26_100, 6_860, 1_260, 260],
    },
    {
      name: 'clv',
      label: { zh: '预测 CLV', en: 'Predicted CLV' },
      medians: [31_500, 9_200, 1_800, 150],
    },
  ],
}

describe('tierProfileChart', () => {
  it('matches the zh snapshot and renders identically twice', async () => {
    const svg = expectDeterministic(tierProfileChart, DATA, { lang: 'zh' })
    await expect(svg).toMatchFileSnapshot(snapshotPath('tier-profile-zh'))
  })

  it('matches the en snapshot', async () => {
    const svg = normaliseSvg(tierProfileChart(DATA, { lang: 'en' }))
    await expect(svg).toMatchFileSnapshot(snapshotPath('tier-profile-en'))
  })

  it('draws one bar per tier and indicator', () => {
    const svg = tierProfileChart(DATA, { lang: 'en' })
    expect(marks(svg)).toBe(20)
    expect(marks(svg, 3)).toBe(5)
  })

  it('labels bars with the true medians while their heights are scaled per indicator', () => {
    const en = texts(tierProfileChart(DATA, { lang: 'en' }))
    expect(en).toEqual(expect.arrayContaining(['210', '18', '1.45k', '26.1k', '31.5k', '150']))
    const zh = texts(tierProfileChart(DATA, { lang: 'zh' }))
    expect(zh).toEqual(expect.arrayContaining(['2.61万', '3.15万', '9,200']))
  })

  it('names the tiers and indicators in the chosen language', () => {
    expect(texts(tierProfileChart(DATA, { lang: 'zh' }))).toEqual(
      expect.arrayContaining(['重要价值客户', '低价值客户', '距上次购买天数', '预测 CLV']),
    )
    expect(texts(tierProfileChart(DATA, { lang: 'en' }))).toEqual(
      expect.arrayContaining(['Key', 'Low', 'Days since last order', 'Predicted CLV']),
    )
  })

  it('refuses an indicator with a median missing for a tier, which would shift every bar after it', () => {
    const short = { ...DATA, indicators: [{ ...DATA.indicators[0]!, medians: [1, 2, 3] }] }
    expect(() => tierProfileChart(short, { lang: 'en' })).toThrow(
      new Error('invalid tier profile indicator: recency_days has 3 medians for 4 tiers'),
    )
  })
})
