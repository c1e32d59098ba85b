import { describe, expect, it } from 'vitest'
import { formatCompact, formatCount, formatPercent } from './labels.js'
import { TIER_PALETTE, isDark, tierColors } from './palette.js'
import { tierDistributionChart } from './tier-distribution.js'

describe('tierColors', () => {
  it('gives a tier its colour by policy position, the same for every chart', () => {
    expect(tierColors(['vip', 'key', 'normal'])).toEqual({
      vip: TIER_PALETTE[0],
      key: TIER_PALETTE[1],
      normal: TIER_PALETTE[2],
    })
  })

  it('repeats the palette after eight tiers rather than running out', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `t${i}`)
    expect(tierColors(ids).t8).toBe(TIER_PALETTE[0])
  })
})

describe('isDark', () => {
  it('asks for white text on the deep tier blue and dark text on the amber', () => {
    expect(isDark('#2e5e8c')).toBe(true)
    expect(isDark('#e0a43a')).toBe(false)
  })
})

describe('number labels', () => {
  it('shortens with 万/亿 in Chinese and k/M/B in English', () => {
    expect(formatCompact(12_345, 'zh')).toBe('1.23万')
    expect(formatCompact(350_000_000, 'zh')).toBe('3.5亿')
    expect(formatCompact(12_345, 'en')).toBe('12.3k')
    expect(formatCompact(2_500_000, 'en')).toBe('2.5M')
    expect(formatCompact(980, 'en')).toBe('980')
    expect(formatCompact(-4_200, 'en')).toBe('-4.2k')
  })

  it('groups counts with commas and prints shares as percentages', () => {
    expect(formatCount(1_234_567.4)).toBe('1,234,567')
    expect(formatPercent(0.1234)).toBe('12%')
    expect(formatPercent(-0.0384, 1)).toBe('-3.8%')
    expect(formatPercent(NaN)).toBe('–')
  })
})

describe('chart text', () => {
  it('uses a CJK font list without double quotes, which would end the SVG style attribute early', () => {
    const svg = tierDistributionChart({ tiers: [] }, { lang: 'zh' })
    expect(svg).toContain("font-family:'PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei'")
    expect(svg).not.toMatch(/font-family:"/)
  })

  it('labels the SVG for screen readers with the chart title', () => {
    expect(tierDistributionChart({ tiers: [] }, { lang: 'zh' })).toMatch(
      /^<svg role="img" aria-label="客户分级分布" /,
    )
  })

  it('honours a requested size and refuses one that cannot be drawn', () => {
    expect(tierDistributionChart({ tiers: [] }, { lang: 'en', width: 500, height: 250 })).toContain(
      'viewBox="0 0 500 250"',
    )
    expect(() => tierDistributionChart({ tiers: [] }, { lang: 'en', width: 0 })).toThrow(
      new Error('invalid chart size: 0'),
    )
  })
})
