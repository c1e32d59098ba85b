// A page of customers from the server: filter by tier, search, sort by a column, page on.
import { useEffect, useState } from 'preact/hooks'
import { getCustomers, type CustomerPage, type Lang, type TierList } from './api.js'
import { formatNumber, type T, type Word } from './i18n.js'
import { href } from './route.js'

const PAGE_SIZE = 25
const COLUMNS = [
  'customer_id',
  'name',
  'tier',
  'account_manager',
  'monetary',
  'frequency',
  'recency_days',
  'last_purchase',
] as const satisfies readonly Word[]
type Column = (typeof COLUMNS)[number]
const NUMERIC = new Set<Column>(['monetary', 'frequency', 'recency_days'])

interface Props {
  t: T
  lang: Lang
  tiers: TierList
  params: URLSearchParams
}

export function TierListPage({ t, lang, tiers, params }: Props) {
  const tier = params.get('tier') ?? ''
  const q = params.get('q') ?? ''
  const sortParam = params.get('sort') as Column | null
  const sort: Column = sortParam !== null && COLUMNS.includes(sortParam) ? sortParam : 'monetary'
  const order = params.get('order') === 'asc' ? 'asc' : 'desc'
  const page = Math.max(1, Number(params.get('page')) || 1)
  const [data, setData] = useState<CustomerPage | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [text, setText] = useState(q)
  useEffect(() => setText(q), [q])
  useEffect(() => {
    let live = true
    setError(null)
    getCustomers({ tier, q, sort, order, page, pageSize: PAGE_SIZE })
      .then((r) => live && setData(r))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
    return () => {
      live = false
    }
  }, [tier, q, sort, order, page])

  const go = (p: Partial<{ tier: string; q: string; sort: string; order: string; page: number }>) =>
    (location.hash = href('/customers', { tier, q, sort, order, page, ...p }))
  const tierName = (id: string) => tiers.tiers.find((x) => x.id === id)?.name[lang] ?? id
  const pages = data === null ? 1 : Math.max(1, Math.ceil(data.total / data.pageSize))

  return (
    <section>
      <h1>{tier === '' ? t('customers') : tierName(tier)}</h1>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault()
          go({ q: text.trim(), page: 1 })
        }}
      >
        <label>
          {t('tier')}
          <select
            name="tier"
            value={tier}
            onChange={(e) => go({ tier: e.currentTarget.value, page: 1 })}
          >
            <option value="">{t('allTiers')}</option>
            {tiers.tiers.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name[lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('searchLabel')}
          <input
            type="search"
            name="q"
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <button type="submit">{t('search')}</button>
      </form>
      {error !== null && <p role="alert">{error}</p>}
      {data === null ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <div class="scroll">
            <table class="customers">
              <thead>
                <tr>
                  {COLUMNS.map((c) => (
                    <th
                      key={c}
                      scope="col"
                      class={NUMERIC.has(c) ? 'num' : undefined}
                      aria-sort={
                        c === sort ? (order === 'asc' ? 'ascending' : 'descending') : 'none'
                      }
                    >
                      <button
                        type="button"
                        class="sort"
                        aria-label={t('sortBy', { c: t(c) })}
                        onClick={() =>
                          go({
                            sort: c,
                            order: c === sort && order === 'asc' ? 'desc' : 'asc',
                            page: 1,
                          })
                        }
                      >
                        {t(c)}
                        <span aria-hidden="true">
                          {c === sort ? (order === 'asc' ? ' ▲' : ' ▼') : ''}
                        </span>
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.customers.map((r) => (
                  <tr key={r.customer_id}>
                    <td>
                      <a href={href(`/customers/${encodeURIComponent(r.customer_id)}`)}>
                        {r.customer_id}
                      </a>
                    </td>
                    <td class="name">{r.name ?? '–'}</td>
                    <td>{tierName(r.tier)}</td>
                    <td>{r.account_manager ?? '–'}</td>
                    <td class="num">{formatNumber(lang, r.monetary, 2)}</td>
                    <td class="num">{formatNumber(lang, r.frequency)}</td>
                    <td class="num">{formatNumber(lang, r.recency_days)}</td>
                    <td>{r.last_purchase ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.customers.length === 0 && <p>{t('noResults')}</p>}
          <nav class="pager" aria-label={t('pageOf', { p: page, n: pages, t: data.total })}>
            <button type="button" disabled={page <= 1} onClick={() => go({ page: page - 1 })}>
              {t('prev')}
            </button>
            {Array.from({ length: pages }, (_, i) => i + 1)
              .filter((p) => pages <= 9 || Math.abs(p - page) <= 3 || p === 1 || p === pages)
              .map((p) => (
                <button
                  key={p}
                  type="button"
                  aria-current={p === page ? 'page' : undefined}
                  onClick={() => go({ page: p })}
                >
                  {p}
                </button>
              ))}
            <button type="button" disabled={page >= pages} onClick={() => go({ page: page + 1 })}>
              {t('next')}
            </button>
            <span class="status" role="status">
              {t('pageOf', { p: page, n: pages, t: data.total })}
            </span>
          </nav>
        </>
      )}
    </section>
  )
}
