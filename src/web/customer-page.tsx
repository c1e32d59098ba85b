// One customer in full: tier, basis, reason, needs, actions, orders and tier history.
import { useEffect, useState } from 'preact/hooks'
import { getCustomer, type CustomerDetail, type Lang, type TierList } from './api.js'
import { CustomerOrders } from './customer-orders.js'
import { formatNumber, priorityText, type T } from './i18n.js'
import { href } from './route.js'

interface Props {
  t: T
  lang: Lang
  tiers: TierList
  id: string
}

export function CustomerPage({ t, lang, tiers, id }: Props) {
  const [data, setData] = useState<CustomerDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    getCustomer(id)
      .then((r) => live && setData(r))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
    return () => {
      live = false
    }
  }, [id])
  const back = <a href={href('/customers')}>← {t('back')}</a>
  if (error !== null)
    return (
      <section>
        {back}
        <p role="alert">{error}</p>
      </section>
    )
  if (data === null) return <p>{t('loading')}</p>
  const c = data.customer
  const tierName = (x: string) => tiers.tiers.find((y) => y.id === x)?.name[lang] ?? x
  const reason = (lang === 'zh' ? c.reason_zh : c.reason_en) ?? c.reason_zh ?? '–'
  return (
    <section class="customer">
      {back}
      <h1>
        {c.name ?? c.customer_id} <span class="id">{c.customer_id}</span>
      </h1>
      <dl class="facts">
        <dt>{t('tier')}</dt>
        <dd>
          <a href={href('/customers', { tier: c.tier })}>{tierName(c.tier)}</a>
        </dd>
        <dt>{t('account_manager')}</dt>
        <dd>{c.account_manager ?? '–'}</dd>
        <dt>{t('monetary')}</dt>
        <dd>{formatNumber(lang, c.monetary, 2)}</dd>
        <dt>{t('frequency')}</dt>
        <dd>{formatNumber(lang, c.frequency)}</dd>
        <dt>{t('recency_days')}</dt>
        <dd>{formatNumber(lang, c.recency_days)}</dd>
        <dt>{t('basis')}</dt>
        <dd>{c.basis ?? '–'}</dd>
      </dl>
      <h2>{t('reason')}</h2>
      <p class="reason">{reason}</p>
      <h2>{t('needs')}</h2>
      <ul>
        {(c.needs ?? '')
          .split(/[;;]/)
          .filter((s) => s.trim() !== '')
          .map((s) => (
            <li key={s}>{s}</li>
          ))}
      </ul>
      <h2>{t('actions')}</h2>
      {data.actions.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('actions')}</th>
              <th scope="col">{t('owner')}</th>
              <th scope="col">{t('priority')}</th>
              <th scope="col">{t('due')}</th>
              <th scope="col">{t('status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.actions.map((a) => (
              <tr key={a.action}>
                <td>{a.text}</td>
                <td>{a.owner ?? '–'}</td>
                <td>{priorityText(t, a.priority)}</td>
                <td>{a.due ?? '–'}</td>
                <td>{a.status ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CustomerOrders t={t} lang={lang} id={c.customer_id} />
      <h2>{t('history')}</h2>
      {data.history.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('snapshot')}</th>
              <th scope="col">{t('asOf')}</th>
              <th scope="col">{t('policy')}</th>
              <th scope="col">{t('tier')}</th>
            </tr>
          </thead>
          <tbody>
            {data.history.map((h) => (
              <tr key={h.snapshot}>
                <td>{h.snapshot}</td>
                <td>{h.as_of}</td>
                <td>{h.policy}</td>
                <td>{tierName(h.tier)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
