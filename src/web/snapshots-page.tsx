// The analyses kept as snapshots, and the tier migration between two of them: the matrix, a
// flow chart and the customers who moved.
import { useEffect, useMemo, useState } from 'preact/hooks'
import type { Lang } from './api.js'
import { compareSnapshots, getSnapshots, type Comparison, type SnapshotInfo } from './api-manage.js'
import { Chart } from './chart.js'
import { migrationFlowOption } from './chart-options.js'
import { formatNumber, type T } from './i18n.js'
import { MigrationMatrix } from './migration-matrix.js'
import { href } from './route.js'

interface Props {
  t: T
  lang: Lang
  params: URLSearchParams
  canCompare: boolean
}

const idParam = (p: URLSearchParams, k: string) => {
  const n = Number(p.get(k))
  return Number.isInteger(n) && n > 0 ? n : null
}

export function SnapshotsPage({ t, lang, params, canCompare }: Props) {
  const [list, setList] = useState<readonly SnapshotInfo[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const from = idParam(params, 'from')
  const to = idParam(params, 'to')
  const [pick, setPick] = useState({ from: from ?? 0, to: to ?? 0 })
  useEffect(() => {
    getSnapshots()
      .then((r) => {
        setList(r)
        if (from === null && to === null && r.length >= 2)
          setPick({ from: r[r.length - 2]!.id, to: r[r.length - 1]!.id })
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
  }, [])
  useEffect(() => setPick({ from: from ?? pick.from, to: to ?? pick.to }), [from, to])

  if (error !== null) return <p role="alert">{error}</p>
  if (list === null) return <p>{t('loading')}</p>
  const option = (s: SnapshotInfo) => (
    <option key={s.id} value={s.id}>
      #{s.id} · {s.asOf} · {s.policy.id}
    </option>
  )
  return (
    <section>
      <h1>{t('snapshots')}</h1>
      {list.length === 0 ? (
        <p>{t('noSnapshots')}</p>
      ) : (
        <div class="scroll">
          <table class="snapshots">
            <thead>
              <tr>
                <th scope="col">{t('snapshot')}</th>
                <th scope="col">{t('asOf')}</th>
                <th scope="col">{t('policy')}</th>
                <th scope="col" class="num">
                  {t('count')}
                </th>
                <th scope="col">{t('createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id} data-snapshot={s.id}>
                  <th scope="row">
                    <a href={href('/overview', { snapshot: s.id })}>#{s.id}</a>
                  </th>
                  <td>{s.asOf}</td>
                  <td>{s.policy.name[lang]}</td>
                  <td class="num">{formatNumber(lang, s.customers)}</td>
                  <td>{s.createdAt.slice(0, 19).replace('T', ' ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('compare')}</h2>
      {!canCompare ? (
        <p>{t('compareNotAllowed')}</p>
      ) : list.length < 2 ? (
        <p>{t('needTwoSnapshots')}</p>
      ) : (
        <form
          class="filters"
          onSubmit={(e) => {
            e.preventDefault()
            location.hash = href('/snapshots', { from: pick.from, to: pick.to })
          }}
        >
          <label>
            {t('fromSnapshot')}
            <select
              name="from"
              value={pick.from}
              onChange={(e) => setPick({ ...pick, from: Number(e.currentTarget.value) })}
            >
              {list.map(option)}
            </select>
          </label>
          <label>
            {t('toSnapshot')}
            <select
              name="to"
              value={pick.to}
              onChange={(e) => setPick({ ...pick, to: Number(e.currentTarget.value) })}
            >
              {list.map(option)}
            </select>
          </label>
          <button type="submit" class="primary">
            {t('compare')}
          </button>
        </form>
      )}
      {canCompare && from !== null && to !== null && (
        <CompareView key={`${from}-${to}-${lang}`} t={t} lang={lang} from={from} to={to} />
      )}
    </section>
  )
}

function CompareView({ t, lang, from, to }: { t: T; lang: Lang; from: number; to: number }) {
  const [c, setC] = useState<Comparison | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    compareSnapshots(from, to, lang)
      .then(setC)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
  }, [])
  const named = (s: Comparison['from']) => s.tiers.map((x) => ({ id: x.id, name: x.name[lang] }))
  const option = useMemo(
    () => (c === null ? null : migrationFlowOption(c.matrix, named(c.from), named(c.to))),
    [c],
  )
  if (error !== null) return <p role="alert">{error}</p>
  if (c === null || option === null) return <p>{t('loading')}</p>
  const f = (n: number | undefined) => formatNumber(lang, n ?? null)
  const title = t('migrationTitle', {
    a: `#${c.from.id} ${c.from.asOf}`,
    b: `#${c.to.id} ${c.to.asOf}`,
  })
  return (
    <section class="compare" aria-labelledby="compare-title">
      <h3 id="compare-title">{title}</h3>
      <p class="meta" data-compare="summary">
        {t('compareSummary', {
          n: f(c.customers),
          stayed: f(c.stayed),
          up: f(c.up),
          down: f(c.down),
          added: f(c.new?.customers),
          lost: f(c.lost?.customers),
          gone: f(c.gone?.customers),
        })}
      </p>
      <MigrationMatrix
        t={t}
        lang={lang}
        rows={named(c.from)}
        cols={named(c.to)}
        matrix={c.matrix}
        caption={t('matrixCaption')}
      />
      <figure>
        <figcaption>{t('flowTitle')}</figcaption>
        <Chart name="migration" option={option} label={title} height={420} />
      </figure>
      {c.moved.length > 0 && (
        <div class="scroll">
          <table class="moved">
            <caption>
              {t('movedCaption', { n: f(Math.min(20, c.moved.length)), total: f(c.movedTotal) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('customer_id')}</th>
                <th scope="col">{t('fromTier')}</th>
                <th scope="col">{t('toTier')}</th>
                <th scope="col">{t('direction')}</th>
                <th scope="col" class="num">
                  {t('value')}
                </th>
              </tr>
            </thead>
            <tbody>
              {c.moved.slice(0, 20).map((m) => (
                <tr key={m.customerId}>
                  <td>
                    <a href={href(`/customers/${encodeURIComponent(m.customerId)}`)}>
                      {m.customerId}
                    </a>
                  </td>
                  <td>{named(c.from).find((x) => x.id === m.from)?.name ?? m.from}</td>
                  <td>{named(c.to).find((x) => x.id === m.to)?.name ?? m.to}</td>
                  <td>
                    {t(
                      m.direction === 'up'
                        ? 'movedUp'
                        : m.direction === 'down'
                          ? 'movedDown'
                          : 'changed',
                    )}
                  </td>
                  <td class="num">{formatNumber(lang, m.value, 2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
