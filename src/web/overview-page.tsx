// Tier counts and value shares of the latest analysis.
import type { Lang, TierList } from './api.js'
import { formatNumber, percent, type T } from './i18n.js'
import { href } from './route.js'
import { ShareBar } from './share-bar.js'

export function OverviewPage({ t, lang, tiers }: { t: T; lang: Lang; tiers: TierList }) {
  const total = tiers.tiers.reduce((s, x) => s + x.customers, 0)
  return (
    <section>
      <h1>{t('overview')}</h1>
      <p class="meta">
        {t('asOf')}: {tiers.asOf} · {t('policy')}: {tiers.policy} · {t('count')}:{' '}
        {formatNumber(lang, total)}
      </p>
      <table class="tiers">
        <thead>
          <tr>
            <th scope="col">{t('tier')}</th>
            <th scope="col" class="num">
              {t('count')}
            </th>
            <th scope="col">{t('customerShare')}</th>
            <th scope="col" class="num">
              {t('value')}
            </th>
            <th scope="col">{t('valueShare')}</th>
          </tr>
        </thead>
        <tbody>
          {tiers.tiers.map((x) => (
            <tr key={x.id}>
              <th scope="row">
                <a href={href('/customers', { tier: x.id })}>{x.name[lang]}</a>
              </th>
              <td class="num">{formatNumber(lang, x.customers)}</td>
              <td>
                <ShareBar share={x.customerShare} label={percent(lang, x.customerShare)} />
                <span class="pct">{percent(lang, x.customerShare)}</span>
              </td>
              <td class="num">{formatNumber(lang, x.value)}</td>
              <td>
                <ShareBar share={x.valueShare} label={percent(lang, x.valueShare)} />
                <span class="pct">{percent(lang, x.valueShare)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
