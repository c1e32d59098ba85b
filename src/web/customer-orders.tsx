// A customer's orders: the newest ones as a timeline of amounts (refunds below zero) and the
// newest few as a table, with the count of all of them from GET /api/customers/:id/orders.
import { useEffect, useMemo, useState } from 'preact/hooks'
import { getCustomerOrders, type CustomerOrders as Orders, type Lang } from './api.js'
import { Chart } from './chart.js'
import { formatNumber, type T } from './i18n.js'
import { orderKind, ordersTimelineOption } from './timeline-option.js'

/** Orders drawn on the timeline; the API sends at most 500 a page. */
export const TIMELINE_ORDERS = 200
/** Orders listed in the table. */
export const TABLE_ORDERS = 10

export function CustomerOrders({ t, lang, id }: { t: T; lang: Lang; id: string }) {
  const [data, setData] = useState<Orders | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    setData(null)
    getCustomerOrders(id, TIMELINE_ORDERS)
      .then((r) => live && setData(r))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
    return () => {
      live = false
    }
  }, [id])
  const option = useMemo(
    () =>
      data &&
      ordersTimelineOption(data.orders, {
        kinds: { completed: t('completed'), refunded: t('refunded'), cancelled: t('cancelled') },
        amount: t('amount'),
        format: (n) => formatNumber(lang, n, 2),
      }),
    [data, lang],
  )
  const heading = <h2>{t('orders')}</h2>
  if (error !== null)
    return (
      <>
        {heading}
        <p role="alert">{error}</p>
      </>
    )
  if (data === null || option === null)
    return (
      <>
        {heading}
        <p>{t('loading')}</p>
      </>
    )
  if (data.total === 0)
    return (
      <>
        {heading}
        <p>{t('noOrders')}</p>
      </>
    )
  const rows = data.orders.slice(0, TABLE_ORDERS)
  return (
    <>
      {heading}
      <p class="meta" data-figure="orders">
        {t('ordersShown', {
          total: formatNumber(lang, data.total),
          n: formatNumber(lang, data.orders.length),
          rows: formatNumber(lang, rows.length),
        })}
      </p>
      <figure>
        <figcaption>{t('ordersTimeline')}</figcaption>
        <Chart
          name="orders"
          option={option}
          label={t('ordersTimelineLabel', { n: data.orders.length })}
          height={240}
        />
      </figure>
      <div class="scroll">
        <table class="orders">
          <thead>
            <tr>
              <th scope="col">{t('orderDate')}</th>
              <th scope="col">{t('orderId')}</th>
              <th scope="col" class="num">
                {t('amount')}
              </th>
              <th scope="col">{t('category')}</th>
              <th scope="col">{t('status')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o, i) => {
              const kind = orderKind(o)
              return (
                <tr key={`${o.orderId ?? ''}-${i}`} data-kind={kind}>
                  <td>{o.date}</td>
                  <td>{o.orderId ?? '–'}</td>
                  <td class={kind === 'refunded' ? 'num refund' : 'num'}>
                    {formatNumber(lang, o.amount, 2)}
                  </td>
                  <td>{o.category ?? '–'}</td>
                  <td>{t(kind)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </>
  )
}
