/**
 * Test helpers for reading rendered chart SVG: what ECharts drew for the data (its SSR output tags
 * data elements with `ecmeta_ssr_type="chart"`) and the text a reader sees. Not exported from the
 * charts' index.
 */
import { expect } from 'vitest'
import type { ChartOptions } from './labels.js'
import { normaliseSvg } from './normalise.js'

/**
 * The number of data elements (bars, symbols, cells, nodes), optionally of one series only.
 * Silent elements (mark lines, mark areas) are not data and are left out.
 */
export function marks(svg: string, series?: number): number {
  const tags = (svg.match(/<[a-z]+ [^>]*ecmeta_ssr_type="chart"[^>]*>/g) ?? []).filter(
    (t) => !t.includes('ecmeta_silent="true"'),
  )
  if (series === undefined) return tags.length
  return tags.filter((t) => t.includes(`ecmeta_series_index="${series}"`)).length
}

/** The content of every `<text>` element, unescaped, in document order. */
export function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] ?? '')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>')
      .replaceAll('&quot;', '"')
      .replaceAll('&#39;', "'")
      .replaceAll('&amp;', '&'),
  )
}

/** Renders twice and expects byte-identical normalised SVG, which the file snapshot relies on. */
export function expectDeterministic<D>(
  chart: (data: D, options: ChartOptions) => string,
  data: D,
  options: ChartOptions,
): string {
  const first = normaliseSvg(chart(data, options))
  expect(normaliseSvg(chart(data, options))).toBe(first)
  return first
}

/** The path of a chart's committed snapshot, relative to this folder. */
export function snapshotPath(name: string): string {
  return `../../../test/output/${name}.svg`
}
