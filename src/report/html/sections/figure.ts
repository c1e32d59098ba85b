/**
 * One chart in the page: the SVG the chart function renders, with a caption saying what to read
 * from it; or, when the data has no such chart, the reason in its place. Each figure carries
 * `data-chart` so tests and readers' tools can find it.
 */
import { html, raw, type Html } from '../format.js'
import type { ChartKey } from '../types.js'
import type { SectionContext } from './context.js'

/** A chart of {@link ChartKey}, or the tier distribution, which every report has. */
export type FigureKey = ChartKey | 'tierDistribution'

export function figure<D>(
  ctx: SectionContext,
  key: FigureKey,
  data: D | undefined,
  chart: (data: D, options: { lang: SectionContext['lang']; width?: number }) => string,
  caption?: (data: D) => string | undefined,
  width?: number,
): Html {
  const note = key === 'tierDistribution' ? undefined : ctx.data.chartNotes[key]
  if (data === undefined) {
    if (note === undefined) return html``
    return html`<div class="note" data-chart-missing="${key}">
      <strong>${ctx.t.notAvailable}</strong>: ${ctx.pick(note)}
    </div>`
  }
  const svg = chart(data, width === undefined ? { lang: ctx.lang } : { lang: ctx.lang, width })
  const text = [caption?.(data), note === undefined ? undefined : ctx.pick(note)].filter(
    (s): s is string => s !== undefined && s !== '',
  )
  return html`<figure data-chart="${key}">
    ${raw(svg)}${text.length > 0 ? html`<figcaption>${text.join(' ')}</figcaption>` : ''}
  </figure>`
}
