// An analysis at a glance: headline figures, warnings, tier counts and shares, the tier
// distribution and the value concentration (Pareto) curve, then the value map and the
// lifecycle stages; the latest run's or a snapshot's.
import { useEffect, useMemo, useState } from 'preact/hooks'
import { getTiers, type Lang, type TierList } from './api.js'
import { Chart } from './chart.js'
import { paretoOption, tierCurve, tierDistributionOption } from './chart-options.js'
import { formatNumber, percent, type T } from './i18n.js'
import { OverviewCharts } from './overview-charts.js'
import { href } from './route.js'
import { ShareBar } from './share-bar.js'
import { TierWarnings } from './tier-warnings.js'

interface Props {
  t: T
  lang: Lang
  /** The latest run's tiers; null before the first analysis. */
  latest: TierList | null
  /** A snapshot to show instead of the latest run. */
  snapshot: number | null
  canRun: boolean
}

export function OverviewPage({ t, lang, latest, snapshot, canRun }: Props) {
  // the latest run says more than its snapshot (expected shares, warnings): prefer it
  const isLatest = snapshot === null || latest?.snapshot === snapshot
  const [shown, setShown] = useState<TierList | null>(isLatest ? latest : null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (isLatest) return setShown(latest)
    let live = true
    setShown(null)
    getTiers(snapshot)
      .then((r) => live && setShown(r))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
    return () => {
      live = false
    }
  }, [snapshot, latest])

  if (error !== null) return <p role="alert">{error}</p>
  if (snapshot === null && latest === null) return <Start t={t} canRun={canRun} />
  if (shown === null) return <p>{t('loading')}</p>
  return <Overview t={t} lang={lang} tiers={shown} />
}

function Start({ t, canRun }: { t: T; canRun: boolean }) {
  return (
    <section>
      <h1>{t('overview')}</h1>
      <p>{t('noAnalysis')}</p>
      {canRun && (
        <ol class="steps">
          <li>
            <a href={href('/import')}>{t('importData')}</a>
          </li>
          <li>
            <a href={href('/analyses')}>{t('runAnalysis')}</a>
          </li>
        </ol>
      )}
    </section>
  )
}

function Overview({ t, lang, tiers }: { t: T; lang: Lang; tiers: TierList }) {
  const total = tiers.tiers.reduce((s, x) => s + x.customers, 0)
  const value = tiers.tiers.reduce((s, x) => s + x.value, 0)
  const top = tiers.tiers[0]
  const chartTiers = tiers.tiers.map((x) => ({ ...x, name: x.name[lang] }))
  const distribution = useMemo(
    () => tierDistributionOption(chartTiers, { customers: t('count'), value: t('value') }),
    [tiers, lang],
  )
  // the customer-level curve when the server sent its points, else one drawn through the tiers
  const points = tiers.pareto?.points ?? []
  const exact = points.length > 0
  const pareto = useMemo(
    () =>
      paretoOption(exact ? points : tierCurve(tiers.tiers), {
        curve: t('curve'),
        equal: t('equalShares'),
        x: t('curveX'),
        y: t('curveY'),
      }),
    [tiers, lang],
  )
  return (
    <section>
      <h1>
        {t('overview')}
        <span class="id"> · {t('snapshotNo', { n: tiers.snapshot })}</span>
      </h1>
      <p class="meta">
        {t('asOf')}: {tiers.asOf} · {t('policy')}: {tiers.policy}
      </p>
      <dl class="headline">
        <div>
          <dt>{t('count')}</dt>
          <dd data-figure="customers">{formatNumber(lang, total)}</dd>
        </div>
        <div>
          <dt>{t('totalValue')}</dt>
          <dd data-figure="value">{formatNumber(lang, value)}</dd>
        </div>
        <div>
          <dt>{t('tierCount')}</dt>
          <dd data-figure="tiers">{formatNumber(lang, tiers.tiers.length)}</dd>
        </div>
        {top !== undefined && (
          <div>
            <dt>{t('topTierShare', { tier: top.name[lang] })}</dt>
            <dd data-figure="top">
              {percent(lang, top.customerShare)} → {percent(lang, top.valueShare)}
            </dd>
          </div>
        )}
      </dl>
      <TierWarnings t={t} lang={lang} tiers={tiers} />
      <div class="scroll">
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
      </div>
      <div class="charts">
        <figure>
          <figcaption>{t('distributionTitle')}</figcaption>
          <Chart
            name="distribution"
            option={distribution}
            label={t('distributionTitle')}
            height={240}
          />
        </figure>
        <figure>
          <figcaption>{t(exact ? 'paretoTitle' : 'paretoByTierTitle')}</figcaption>
          <Chart name="pareto" option={pareto} label={t('paretoTitle')} height={320} />
          {!exact && <p class="note">{t('paretoByTierNote')}</p>}
        </figure>
      </div>
      <OverviewCharts t={t} lang={lang} snapshot={tiers.snapshot} />
    </section>
  )
}
