/**
 * The report's one stylesheet, inlined in the page: system fonts only (CJK first, as the charts
 * use), long words allowed to wrap anywhere so no text leaves its box, and a print layout
 * (A4, no contents list, figures and cards kept whole across pages).
 */
import { FONT_FAMILY, INK } from '../charts/palette.js'

export const STYLES = `
:root {
  --ink: ${INK.title}; --text: ${INK.text}; --muted: ${INK.muted}; --line: ${INK.grid};
  --panel: #f6f8fa; --accent: #2e5e8c; --warn: #a15c07; --warn-bg: #fff7e8; --ok: #2f7d5b;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: #eef1f4; color: var(--text);
  font: 15px/1.6 ${FONT_FAMILY};
  overflow-wrap: anywhere;
}
/* Latin fonts first for English: CJK fonts draw punctuation such as ’ full width. */
html:lang(en) body {
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans',
    'DejaVu Sans', ${FONT_FAMILY};
}
main { max-width: 1000px; margin: 0 auto; padding: 32px 40px 48px; background: #fff; }
header.cover { border-bottom: 3px solid var(--accent); padding-bottom: 16px; margin-bottom: 8px; }
h1 { font-size: 30px; line-height: 1.25; margin: 0 0 6px; color: var(--ink); }
h2 {
  font-size: 22px; line-height: 1.3; color: var(--ink); margin: 40px 0 14px;
  padding-bottom: 6px; border-bottom: 1px solid var(--line);
}
h3 { font-size: 17px; line-height: 1.35; color: var(--ink); margin: 24px 0 8px; }
h4 { font-size: 15px; margin: 16px 0 6px; color: var(--ink); }
p { margin: 6px 0 10px; }
.lede { color: var(--muted); margin: 0; }
nav.contents { margin: 16px 0 0; font-size: 14px; }
nav.contents ol { display: flex; flex-wrap: wrap; gap: 4px 18px; padding: 0; margin: 0; list-style: none; }
nav.contents a { color: var(--accent); text-decoration: none; }
.figures { display: grid; gap: 18px; }
figure { margin: 0; padding: 12px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { font-size: 14px; color: var(--text); margin-top: 8px; }
.note {
  padding: 10px 14px; border-radius: 6px; background: var(--panel); color: var(--muted);
  font-size: 14px; margin: 8px 0;
}
.note strong { color: var(--text); }
.figures .note { margin: 0; }
.cards { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 12px; margin: 16px 0; }
.card { padding: 12px 14px; border-radius: 6px; background: var(--panel); min-width: 0; }
.card .label { font-size: 13px; color: var(--muted); }
.card .figure { font-size: 24px; line-height: 1.3; font-weight: 600; color: var(--ink); }
.card .small { font-size: 16px; line-height: 1.4; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 8px 0 16px; font-size: 14px; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 13px; background: var(--panel); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .rule-code {
  font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: 13px;
  white-space: pre-wrap; overflow-wrap: anywhere;
}
.rule-code { display: block; color: var(--muted); margin-top: 2px; }
.warnings { border-left: 4px solid var(--warn); background: var(--warn-bg); padding: 10px 16px; border-radius: 0 6px 6px 0; }
.warnings h4 { margin: 8px 0 4px; color: var(--warn); }
.warnings ul { margin: 0 0 6px; padding-left: 20px; }
.ok { color: var(--ok); }
.bad { color: var(--warn); font-weight: 600; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
.tier { border: 1px solid var(--line); border-radius: 6px; padding: 4px 18px 8px; margin: 16px 0; border-top-width: 4px; }
.tier h3 { margin-top: 14px; }
.tier dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
.tier dt { color: var(--muted); font-size: 14px; }
.tier dd { margin: 0; min-width: 0; }
.muted { color: var(--muted); }
ul.plain { margin: 0; padding-left: 16px; }
footer { margin-top: 40px; padding-top: 12px; border-top: 1px solid var(--line); font-size: 13px; color: var(--muted); }
@media (max-width: 720px) {
  main { padding: 20px 16px; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .tier dl { grid-template-columns: 1fr; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { background: #fff; font-size: 10.5pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  nav.contents { display: none; }
  h2 { break-after: avoid; margin-top: 24px; }
  h3, h4 { break-after: avoid; }
  figure, .card, .tier dl, tr, .warnings { break-inside: avoid; }
  section.chapter { break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
`
