/**
 * The HTML report (客户分级管理分析): one self-contained page from a plain {@link ReportData}.
 * Charts are inline SVG, styles are inline, there is no script and nothing is fetched, so the
 * file opens offline and prints (A4) as it shows. It is a pure function of its data: the app
 * layer gathers the data from the store.
 */
import { html, raw, type Html } from './format.js'
import { behaviourSection } from './sections/behaviour.js'
import { channelsSection } from './sections/channels.js'
import { sectionContext, type SectionContext } from './sections/context.js'
import { impactSection } from './sections/impact.js'
import { methodSection } from './sections/method.js'
import { migrationSection } from './sections/migration.js'
import { overviewSection, windowText } from './sections/overview.js'
import { qualitySection } from './sections/quality.js'
import { tiersSection } from './sections/tiers.js'
import { valueSection } from './sections/value.js'
import { STYLES } from './styles.js'
import type { Lang, ReportData } from './types.js'

export interface ReportHtmlOptions {
  readonly lang: Lang
}

const CHAPTERS = [
  ['overview', overviewSection],
  ['value', valueSection],
  ['behaviour', behaviourSection],
  ['channels', channelsSection],
  ['migration', migrationSection],
  ['tiers', tiersSection],
  ['impact', impactSection],
  ['quality', qualitySection],
  ['method', methodSection],
] as const

function cover(ctx: SectionContext, chapters: readonly (typeof CHAPTERS)[number][0][]): Html {
  const { data, t } = ctx
  const sub =
    ctx.lang === 'zh'
      ? `${ctx.pick(data.policy.name)} · 评估日 ${data.asOf} · ${windowText(ctx, data.window)}`
      : `${ctx.pick(data.policy.name)} · as of ${data.asOf} · ${windowText(ctx, data.window)}`
  return html`<header class="cover">
    <h1>${t.title}</h1>
    <p class="lede">${sub}</p>
    <nav class="contents" aria-label="${t.contents}">
      <ol>
        ${chapters.map((id) => html`<li><a href="#${id}">${t[id]}</a></li>`)}
      </ol>
    </nav>
  </header>`
}

/**
 * Renders the whole report page in `lang`.
 *
 * @example
 * writeFileSync('report.html', renderReportHtml(data, { lang: 'zh' }))
 */
export function renderReportHtml(data: ReportData, options: ReportHtmlOptions): string {
  const ctx = sectionContext(data, options.lang)
  const bodies = CHAPTERS.map(([id, section]) => [id, section(ctx)] as const).filter(
    ([, body]) => body.text !== '',
  )
  const footer = html`<footer>
    ${ctx.t.generatedBy} · ${ctx.t.policyHash} <code>${data.policy.hash}</code>
  </footer>`
  const page = html`<!doctype html>
    <html lang="${options.lang === 'zh' ? 'zh-CN' : 'en'}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta
          http-equiv="Content-Security-Policy"
          content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        />
        <title>${ctx.t.title} · ${ctx.pick(data.policy.name)} · ${data.asOf}</title>
        <style>
          ${raw(STYLES)}
        </style>
      </head>
      <body>
        <main>
          ${cover(
            ctx,
            bodies.map(([id]) => id),
          )}
          ${bodies.map(([, body]) => body)} ${footer}
        </main>
      </body>
    </html> `
  return page.text
}
