/**
 * Colours and fonts shared by every chart, so a tier has one colour across the whole report and
 * Chinese text falls back to whichever CJK font the reader's system has.
 */

/**
 * Font families for chart text, CJK first. Single quotes only: zrender writes the family into a
 * double-quoted `style` attribute without escaping (checked with echarts 6.1).
 */
export const FONT_FAMILY =
  "'PingFang SC','Microsoft YaHei','WenQuanYi Micro Hei','Noto Sans CJK SC',sans-serif"

/** Tier colours in policy order (best tier first): calm, distinct, readable on white. */
export const TIER_PALETTE = [
  '#2e5e8c',
  '#4a9b8e',
  '#e0a43a',
  '#c8614f',
  '#8b74b0',
  '#7d8c9a',
  '#6fa8d6',
  '#b3a05a',
] as const

/** Colours for things that are not tiers (categories, stages, comparison series). */
export const SERIES_PALETTE = [
  '#5b8db8',
  '#e3a857',
  '#6bb39b',
  '#d9826f',
  '#9b8cc4',
  '#a3b86c',
  '#d08fb3',
  '#8c9cab',
] as const

export const INK = {
  title: '#1f2a37',
  text: '#3d4a5a',
  muted: '#7b8794',
  grid: '#e4e7eb',
  axis: '#9aa5b1',
  reference: '#b0b8c1',
  background: '#ffffff',
} as const

/** Light-to-deep blue ramp for magnitudes (heatmaps). */
export const SEQUENTIAL = ['#eef4fa', '#c6dbef', '#8fb8dc', '#4f8bc0', '#245a8f'] as const

/**
 * The colour of each tier, by its position in `ids` (best tier first); colours repeat after eight.
 *
 * @example
 * tierColors(['A', 'B', 'C']) // { A: '#2e5e8c', B: '#4a9b8e', C: '#e0a43a' }
 */
export function tierColors(ids: readonly string[]): Record<string, string> {
  const colors: Record<string, string> = {}
  ids.forEach((id, i) => {
    colors[id] = TIER_PALETTE[i % TIER_PALETTE.length] ?? TIER_PALETTE[0]
  })
  return colors
}

/** The `i`-th non-tier series colour, repeating after eight. */
export function seriesColor(i: number): string {
  return SERIES_PALETTE[i % SERIES_PALETTE.length] ?? SERIES_PALETTE[0]
}

/** Whether white text reads better than dark text on `hex` (WCAG relative luminance below 0.3). */
export function isDark(hex: string): boolean {
  const n = Number.parseInt(hex.replace('#', ''), 16)
  const channel = (shift: number) => {
    const c = ((n >> shift) & 0xff) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const luminance = 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
  return luminance < 0.3
}
