// The overview's value map and lifecycle chart, each with a table that carries its figures
// (quadrants; stages), from GET /api/overview; a note in place of a chart the run cannot have.
import { useEffect, useMemo, useState } from 'preact/hooks'
import { getOverview, type Lang, type LifecycleStageId, type Overview } from './api.js'
import { Chart } from './chart.js'
import { formatNumber, percent, type T, type Word } from './i18n.js'
import { LIFECYCLE_ORDER, lifecycleOption, valueMapOption } from './overview-options.js'

const STAGE_WORDS: Record<LifecycleStageId, Word> = {
  new: 'stageNew',
  active: 'stageActive',
  dormant: 'stageDormant',
  churned: 'stageChurned',
  reactivated: 'stageReactivated',
}
const ROMAN = ['I', 'II', 'III', 'IV']

export function OverviewCharts({ t, lang, snapshot }: { t: T; lang: Lang; snapshot: number }) {
  const [data, setData] = useState<Overview | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    setData(null)
    setError(null)
    getOverview(snapshot)
      .then((r) => live && setData(r))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
    return () => {
      live = false
    }
  }, [snapshot])
  if (error !== null) return <p role="alert">{error}</p>
  if (data === null) return <p>{t('loading')}</p>
  return (
    <>
      <div class="charts charts-wide">
        <ValueMap t={t} lang={lang} data={data} />
        <Lifecycle t={t} lang={lang} data={data} />
      </div>
      <p class="note">{t('storeWide')}</p>
    </>
  )
}

function ValueMap({ t, lang, data }: { t: T; lang: Lang; data: Overview }) {
  const map = data.valueMap
  const option = useMemo(() => {
    if (map === null) return null
    const width = 100 / map.bins
    return valueMapOption(map, {
      x: map.xLabel[lang],
      y: map.yLabel[lang],
      cell: (x, y, n) =>
        t('valueMapCell', { x, x2: x + width, y, y2: y + width, n: formatNumber(lang, n) }),
    })
  }, [data, lang])
  const note = data.notes.valueMap?.[lang]
  return (
    <figure data-figure="value-map">
      <figcaption>{t('valueMapTitle')}</figcaption>
      {map !== null && option !== null && (
        <>
          <Chart name="value-map" option={option} label={t('valueMapLabel')} height={420} />
          <p class="note">{t('valueMapAxes', { x: map.xLabel[lang], y: map.yLabel[lang] })}</p>
          <div class="scroll">
            <table class="quadrants">
              <thead>
                <tr>
                  <th scope="col">{t('quadrant')}</th>
                  <th scope="col" class="num">
                    {t('count')}
                  </th>
                  <th scope="col" class="num">
                    {t('customerShare')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {map.quadrants.map((q, i) => (
                  <tr key={ROMAN[i]} data-quadrant={ROMAN[i]}>
                    <th scope="row">
                      {ROMAN[i]} · {q.name[lang]}
                    </th>
                    <td class="num">{formatNumber(lang, q.customers)}</td>
                    <td class="num">
                      {percent(lang, map.customers === 0 ? 0 : q.customers / map.customers)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {map.unmapped > 0 && (
            <p class="note">{t('unmapped', { n: formatNumber(lang, map.unmapped) })}</p>
          )}
        </>
      )}
      {note !== undefined && <p class="note">{note}</p>}
    </figure>
  )
}

function Lifecycle({ t, lang, data }: { t: T; lang: Lang; data: Overview }) {
  const stages = data.lifecycle?.stages ?? []
  const names = Object.fromEntries(LIFECYCLE_ORDER.map((s) => [s, t(STAGE_WORDS[s])])) as Record<
    LifecycleStageId,
    string
  >
  const option = useMemo(
    () =>
      lifecycleOption(
        stages,
        data.tiers.map((x) => ({ id: x.id, name: x.name[lang] })),
        names,
      ),
    [data, lang],
  )
  const total = stages.reduce((s, x) => s + x.customers, 0)
  const note = data.notes.lifecycle?.[lang]
  return (
    <figure data-figure="lifecycle">
      <figcaption>{t('lifecycleTitle')}</figcaption>
      {data.lifecycle !== null && (
        <>
          <Chart name="lifecycle" option={option} label={t('lifecycleLabel')} height={320} />
          <div class="scroll">
            <table class="stages">
              <thead>
                <tr>
                  <th scope="col">{t('stage')}</th>
                  <th scope="col" class="num">
                    {t('count')}
                  </th>
                  <th scope="col" class="num">
                    {t('customerShare')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {LIFECYCLE_ORDER.map((id) => {
                  const n = stages.find((s) => s.id === id)?.customers ?? 0
                  return (
                    <tr key={id} data-stage={id}>
                      <th scope="row">{names[id]}</th>
                      <td class="num">{formatNumber(lang, n)}</td>
                      <td class="num">{percent(lang, total === 0 ? 0 : n / total)}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
      {note !== undefined && <p class="note">{note}</p>}
    </figure>
  )
}
