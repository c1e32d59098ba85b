// What an edited policy would do, before it is saved: each tier's share of customers and value
// against what the policy expects, and how customers would move from the current tiers.
import type { Lang } from './api.js'
import type { PolicyPreview } from './api-manage.js'
import { formatNumber, percent, type T } from './i18n.js'
import { MigrationMatrix } from './migration-matrix.js'

type Range = readonly [number, number] | undefined

function Expected({ t, lang, r }: { t: T; lang: Lang; r: Range }) {
  if (r === undefined) return null
  const pct = (x: number) => formatNumber(lang, x * 100)
  return <div class="meta">{t('expectedRange', { range: `${pct(r[0])}–${pct(r[1])}%` })}</div>
}

interface Props {
  t: T
  lang: Lang
  p: PolicyPreview
}

/** The edited policy's tiers: shares against what the policy expects. */
export function PreviewTiers({ t, lang, p }: Props) {
  return (
    <>
      <p class="meta" data-preview="summary">
        {t('previewSummary', {
          asOf: p.asOf,
          n: formatNumber(lang, p.customers),
          changed: formatNumber(lang, p.changed),
          base: p.from.id,
        })}
      </p>
      <div class="scroll">
        <table class="preview-tiers">
          <thead>
            <tr>
              <th scope="col">{t('tier')}</th>
              <th scope="col" class="num">
                {t('count')}
              </th>
              <th scope="col" class="num">
                {t('customerShare')}
              </th>
              <th scope="col" class="num">
                {t('valueShare')}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.to.tiers.map((x) => (
              <tr
                key={x.id}
                data-tier={x.id}
                class={x.withinExpected === false ? 'off' : undefined}
              >
                <th scope="row">
                  {x.name[lang]}
                  {x.withinExpected === false && <div class="flag">{t('outsideExpected')}</div>}
                </th>
                <td class="num">{formatNumber(lang, x.customers)}</td>
                <td class="num">
                  <span data-share="customers">{percent(lang, x.customerShare)}</span>
                  <Expected t={t} lang={lang} r={x.expected?.customers} />
                </td>
                <td class="num">
                  <span data-share="value">{percent(lang, x.valueShare)}</span>
                  <Expected t={t} lang={lang} r={x.expected?.value} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

/** How customers would move from the current policy's tiers to the edited policy's. */
export function PreviewMatrix({ t, lang, p }: Props) {
  const named = (tiers: PolicyPreview['to']['tiers']) =>
    tiers.map((x) => ({ id: x.id, name: x.name[lang] }))
  return (
    <MigrationMatrix
      t={t}
      lang={lang}
      rows={named(p.from.tiers)}
      cols={named(p.to.tiers)}
      matrix={p.matrix}
      caption={t('previewMatrixCaption', { base: p.from.id })}
    />
  )
}
