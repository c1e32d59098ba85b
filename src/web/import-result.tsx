// What an import answered: the counts of each file and the data quality report, or the
// problems that stopped it, each with its file, line, column, value and what was expected.
// Fields the server leaves out show as a dash; fields it adds are ignored.
import type { ApiIssue, Lang } from './api.js'
import { formatNumber, type T } from './i18n.js'
import type { ImportedFile, QualityReport } from './upload.js'

const COUNTS = ['rows', 'inserted', 'updated', 'unchanged', 'duplicates'] as const

/** The file's own name: the server may report a path of its temporary copy. */
export const fileName = (f: unknown) =>
  typeof f === 'string' ? (f.split(/[\\/]/).pop() ?? f) : '–'

const num = (lang: Lang, v: unknown) => formatNumber(lang, typeof v === 'number' ? v : null)
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : '–')

interface SummaryProps {
  t: T
  lang: Lang
  files: readonly ImportedFile[]
  quality: QualityReport
}

export function ImportSummary({ t, lang, files, quality }: SummaryProps) {
  const tables = Array.isArray(quality.tables) ? quality.tables : []
  const findings = Array.isArray(quality.findings) ? quality.findings : []
  return (
    <>
      <h2>{t('importedFiles')}</h2>
      <div class="scroll">
        <table class="imported">
          <thead>
            <tr>
              <th scope="col">{t('file')}</th>
              <th scope="col">{t('table')}</th>
              <th scope="col">{t('encoding')}</th>
              {COUNTS.map((c) => (
                <th key={c} scope="col" class="num">
                  {t(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {files.map((f, i) => (
              <tr key={i}>
                <th scope="row">{fileName(f.file)}</th>
                <td>{text(f.kind)}</td>
                <td>{text(f.encoding)}</td>
                {COUNTS.map((c) => (
                  <td key={c} class="num" data-count={c}>
                    {num(lang, f[c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('quality')}</h2>
      {tables.length > 0 && (
        <div class="scroll">
          <table class="quality-tables">
            <thead>
              <tr>
                <th scope="col">{t('table')}</th>
                <th scope="col" class="num">
                  {t('rows')}
                </th>
                <th scope="col" class="num">
                  {t('count')}
                </th>
                <th scope="col">{t('dateRange')}</th>
              </tr>
            </thead>
            <tbody>
              {tables.map((r, i) => (
                <tr key={i}>
                  <th scope="row">{text(r.table)}</th>
                  <td class="num">{num(lang, r.rows)}</td>
                  <td class="num">{num(lang, r.customers)}</td>
                  <td>{r.from ? `${r.from} – ${text(r.to)}` : '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {findings.length === 0 ? (
        <p>{t('noFindings')}</p>
      ) : (
        <ul class="findings">
          {findings.map((f, i) => (
            <li key={i} class={f.severity === 'warning' ? 'warning' : undefined}>
              <strong>
                {f.severity === 'warning' ? t('warning') : t('info')}: {text(f.check)}
              </strong>{' '}
              ({num(lang, f.count)})
              {Array.isArray(f.examples) && f.examples.length > 0 && (
                <span class="meta">
                  {' '}
                  {t('examples')}: {f.examples.slice(0, 3).join(', ')}
                </span>
              )}
              {typeof f.action === 'string' && <div>{f.action}</div>}
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

interface IssuesProps {
  t: T
  message: string
  issues: readonly ApiIssue[]
  total: number
}

export function ImportIssues({ t, message, issues, total }: IssuesProps) {
  return (
    <section class="issues" aria-labelledby="issues-title">
      <h2 id="issues-title">{t('importFailed')}</h2>
      <p role="alert" class="error">
        {message}
      </p>
      <p>{t('issuesShown', { n: issues.length, total })}</p>
      <div class="scroll">
        <table class="issue-table">
          <thead>
            <tr>
              <th scope="col">{t('file')}</th>
              <th scope="col" class="num">
                {t('line')}
              </th>
              <th scope="col">{t('column')}</th>
              <th scope="col">{t('valueCell')}</th>
              <th scope="col">{t('expected')}</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((x, i) => (
              <tr key={i}>
                <td>{fileName(x.file)}</td>
                <td class="num" data-cell="line">
                  {x.line ?? (x.row === undefined ? '–' : t('recordNo', { n: x.row }))}
                </td>
                <td>{text(x.column ?? x.path)}</td>
                <td>
                  <code>{x.value ?? '–'}</code>
                </td>
                <td>{text(x.expected ?? x.message)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
