// Customers by tier before (rows) and after (columns), with totals; cells where the tier
// stayed the same are marked.
import type { Lang } from './api.js'
import type { Matrix } from './chart-options.js'
import { formatNumber, type T } from './i18n.js'

interface Tier {
  readonly id: string
  readonly name: string
}

interface Props {
  t: T
  lang: Lang
  rows: readonly Tier[]
  cols: readonly Tier[]
  matrix: Matrix
  caption: string
}

export function MigrationMatrix({ t, lang, rows, cols, matrix, caption }: Props) {
  const cell = (a: string, b: string) => matrix[a]?.[b] ?? 0
  const rowTotal = (a: string) => cols.reduce((s, b) => s + cell(a, b.id), 0)
  const colTotal = (b: string) => rows.reduce((s, a) => s + cell(a.id, b), 0)
  const total = rows.reduce((s, a) => s + rowTotal(a.id), 0)
  return (
    <div class="scroll">
      <table class="matrix">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <td />
            {cols.map((b) => (
              <th key={b.id} scope="col" class="num">
                {b.name}
              </th>
            ))}
            <th scope="col" class="num">
              {t('total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.name}</th>
              {cols.map((b) => (
                <td
                  key={b.id}
                  class={a.id === b.id ? 'num stay' : 'num'}
                  data-from={a.id}
                  data-to={b.id}
                >
                  {formatNumber(lang, cell(a.id, b.id))}
                </td>
              ))}
              <td class="num total">{formatNumber(lang, rowTotal(a.id))}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('total')}</th>
            {cols.map((b) => (
              <td key={b.id} class="num total">
                {formatNumber(lang, colTotal(b.id))}
              </td>
            ))}
            <td class="num total" data-total="all">
              {formatNumber(lang, total)}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  )
}
