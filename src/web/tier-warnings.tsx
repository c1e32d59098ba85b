// What to look at before trusting the tiers: tiers whose shares fall outside what the policy
// expects, and the run's own warnings when the server sends them.
import type { Lang, TierList, TierSummary } from './api.js'
import { percent, type T } from './i18n.js'

const range = (lang: Lang, r: readonly [number, number]) =>
  `${percent(lang, r[0])}–${percent(lang, r[1])}`

const outside = (x: number, r: readonly [number, number] | undefined) =>
  r !== undefined && (x < r[0] - 1e-9 || x > r[1] + 1e-9)

function tierLines(t: T, lang: Lang, x: TierSummary): string[] {
  const e = x.expected
  if (e === undefined || x.withinExpected === true) return []
  const lines: string[] = []
  const name = x.name[lang]
  if (e.customers !== undefined && outside(x.customerShare, e.customers))
    lines.push(
      t('outsideCustomers', {
        tier: name,
        share: percent(lang, x.customerShare),
        range: range(lang, e.customers),
      }),
    )
  if (e.value !== undefined && outside(x.valueShare, e.value))
    lines.push(
      t('outsideValue', {
        tier: name,
        share: percent(lang, x.valueShare),
        range: range(lang, e.value),
      }),
    )
  return lines
}

export function TierWarnings({ t, lang, tiers }: { t: T; lang: Lang; tiers: TierList }) {
  const own = tiers.tiers.map((x) => [x.id, tierLines(t, lang, x)] as const)
  // the run's share warnings ("<tier> holds …") say again what the lines above say in this language
  const said = own.filter(([, l]) => l.length > 0).map(([id]) => `${id} holds `)
  const lines = [
    ...own.flatMap(([, l]) => l),
    ...(tiers.warnings ?? []).filter(
      (w) => typeof w === 'string' && !said.some((p) => w.startsWith(p)),
    ),
  ]
  if (lines.length === 0) return null
  return (
    <section class="warnings" aria-labelledby="warnings-title">
      <h2 id="warnings-title">{t('warnings')}</h2>
      <ul>
        {lines.map((l) => (
          <li key={l}>{l}</li>
        ))}
      </ul>
    </section>
  )
}
