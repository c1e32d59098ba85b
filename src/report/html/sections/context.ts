/** What every section receives: the data, the language and its labels, and shared pieces. */
import { tierColors } from '../../charts/index.js'
import { html, type Html } from '../format.js'
import { labels, type LabelKey } from '../labels.js'
import type { Bilingual, Lang, ReportData } from '../types.js'

export interface SectionContext {
  readonly data: ReportData
  readonly lang: Lang
  readonly t: Readonly<Record<LabelKey, string>>
  /** Tier id → its colour, the same as in the charts. */
  readonly colors: Readonly<Record<string, string>>
  readonly pick: (text: Bilingual) => string
}

export function sectionContext(data: ReportData, lang: Lang): SectionContext {
  return {
    data,
    lang,
    t: labels(lang),
    colors: tierColors(data.tiers.map((t) => t.id)),
    pick: (text) => text[lang],
  }
}

/** A tier's name with its colour swatch. */
export function tierLabel(ctx: SectionContext, id: string): Html {
  const tier = ctx.data.tiers.find((t) => t.id === id)
  const color = ctx.colors[id] ?? '#999999'
  return html`<span class="swatch" style="background:${color}"></span
    >${tier ? ctx.pick(tier.name) : id}`
}

/** A chapter of the page: an anchored heading and its content; nothing when it has no content. */
export function chapter(id: string, title: string, body: Html | readonly Html[]): Html {
  const parts = Array.isArray(body) ? body : [body as Html]
  if (parts.every((p) => p.text === '')) return html``
  return html`<section class="chapter" id="${id}">
    <h2>${title}</h2>
    ${parts}
  </section>`
}
