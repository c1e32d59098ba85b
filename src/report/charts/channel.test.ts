import { describe, expect, it } from 'vitest'
import { channelChart, type ChannelData } from './channel.js'
import { normaliseSvg } from './normalise.js'
import { expectDeterministic, marks, snapshotPath, texts } from './testing.js'

const TIERS = [
  { id: 'A', name: { zh: '重要价值客户', en: 'Key' } },
  { id: 'B', name: { zh: '重要发展客户', en: 'Develop' } },
  { id: 'C', name: { zh: '一般客户', en: 'Regular' } },
]
const DATA: ChannelData = {
  tiers: TIERS,
  channels: [
    {
      channel: '线上商城',
      customers: 1_800,
      value: 540_000,
      clv: 820,
      tierMix: { A: 180, B: 540, C: 1_080 },
      acquisitionCost: 95,
    },
    {
      channel: '门店',
      customers: 950,
      value: 610_000,
      clv: 1_460,
      tierMix: { A: 240, B: 380, C: 330 },
      acquisitionCost: 260,
    },
    {
      channel: '渠道代理',
      customers: 420,
      value: 380_000,
      clv: 2_300,
      tierMix: { A: 190, B: 160, C: 70 },
      acquisitionCost: 640,
    },
    // no cost known for referrals: CLV is shown without a ratio
    {
      channel: '老客推荐',
      customers: 230,
      value: 150_000,
      clv: 1_720,
      tierMix: { A: 60, B: 110, C: 60 },
    },
  ],
}

describe('channelChart', () => {
  it('matches the zh snapshot and renders identically twice', async () => {
    const svg = expectDeterministic(channelChart, DATA, { lang: 'zh' })
    await expect(svg).toMatchFileSnapshot(snapshotPath('channel-zh'))
  })

  it('matches the en snapshot', async () => {
    const svg = normaliseSvg(channelChart(DATA, { lang: 'en' }))
    await expect(svg).toMatchFileSnapshot(snapshotPath('channel-en'))
  })

  it('draws shares, a tier-mix stack and a CLV bar for each channel', () => {
    const svg = channelChart(DATA, { lang: 'en' })
    expect(marks(svg, 0)).toBe(4) // customers
    expect(marks(svg, 1)).toBe(4) // value
    expect(marks(svg, 2) + marks(svg, 3) + marks(svg, 4)).toBe(12) // three tiers × four channels
    expect(marks(svg, 5)).toBe(4) // CLV
  })

  it('gives CLV ÷ acquisition cost only where the cost is known', () => {
    const labels = texts(channelChart(DATA, { lang: 'zh' }))
    // 820 / 95 = 8.6, 1,460 / 260 = 5.6, 2,300 / 640 = 3.6; referrals have no cost
    expect(labels).toEqual(
      expect.arrayContaining(['820 · 8.6×', '1,460 · 5.6×', '2,300 · 3.6×', '1,720']),
    )
    expect(labels).toContain('平均 CLV · CLV ÷ 获客成本')
  })

  it('prints the share of customers and of value per channel (门店: 28% of customers, 36% of value)', () => {
    const labels = texts(channelChart(DATA, { lang: 'en' }))
    expect(labels).toEqual(expect.arrayContaining(['53%', '32%', '28%', '36%']))
  })

  it('names channels, tiers and panels in the chosen language', () => {
    expect(texts(channelChart(DATA, { lang: 'zh' }))).toEqual(
      expect.arrayContaining(['获客渠道分析', '客户等级构成', '门店', '重要价值客户']),
    )
    const en = texts(channelChart(DATA, { lang: 'en' }))
    expect(en).toEqual(
      expect.arrayContaining(['Acquisition channels', 'Tier mix', 'Key', 'Regular']),
    )
    expect(en).not.toContain('重要价值客户')
  })

  it('titles the CLV panel without the ratio when no channel has a cost', () => {
    const noCosts = { ...DATA, channels: DATA.channels.map(({ acquisitionCost: _, ...c }) => c) }
    expect(texts(channelChart(noCosts, { lang: 'en' }))).toContain('Mean CLV per customer')
  })
})
