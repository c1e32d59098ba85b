/**
 * The one place charts meet ECharts: server-side rendering to an SVG string with the shared
 * look (font, colours, no animation). Chart modules build an option and hand it here.
 */
import { createRequire } from 'node:module'
import type * as ECharts from 'echarts'
import type { ChartOptions } from './labels.js'
import { FONT_FAMILY, INK } from './palette.js'

// The CommonJS bundle (dist/echarts.js, one file) loads in ~70 ms; the ESM entry's hundreds of
// modules take ~600 ms (measured on Node 20, echarts 6.1). Same version and API; it matters for
// CLI start-up and for every test file, which each load ECharts afresh.
const { init } = createRequire(import.meta.url)('echarts') as typeof ECharts

export interface ChartSize {
  readonly width: number
  readonly height: number
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

function checkedSize(options: ChartOptions, fallback: ChartSize): ChartSize {
  const width = options.width ?? fallback.width
  const height = options.height ?? fallback.height
  for (const n of [width, height]) {
    if (!Number.isFinite(n) || n < 100 || n > 10_000) throw new Error(`invalid chart size: ${n}`)
  }
  return { width, height }
}

/** The title block every chart uses: top left, with an optional note under it. */
export function chartTitle(text: string, subtext?: string): ECharts.TitleComponentOption {
  return {
    text,
    subtext,
    left: 16,
    top: 12,
    itemGap: 6,
    textStyle: { fontSize: 16, fontWeight: 'bold', color: INK.title, fontFamily: FONT_FAMILY },
    subtextStyle: { fontSize: 12, color: INK.muted, fontFamily: FONT_FAMILY },
  }
}

/**
 * Renders `option` to a standalone SVG string labelled with `title` for screen readers. The
 * chart instance is always disposed, even when ECharts throws.
 */
export function renderChart(
  option: ECharts.EChartsOption,
  title: string,
  options: ChartOptions,
  fallback: ChartSize,
): string {
  const { width, height } = checkedSize(options, fallback)
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height })
  let svg: string
  try {
    chart.setOption({
      animation: false,
      backgroundColor: INK.background,
      textStyle: { fontFamily: FONT_FAMILY, color: INK.text },
      ...option,
    })
    svg = chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
  return svg.replace('<svg ', `<svg role="img" aria-label="${escapeXml(title)}" `)
}
