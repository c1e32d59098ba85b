// An error with its issues, one line each: where (line, dotted path or column) and what is
// wrong. With `onLine`, an issue with a line is a button that shows that line.
import type { ApiIssue } from './api.js'
import type { T } from './i18n.js'

interface Props {
  t: T
  message: string
  issues: readonly ApiIssue[]
  onLine?: (line: number) => void
  id?: string
}

export function IssueList({ t, message, issues, onLine, id }: Props) {
  return (
    <div class="issue-list" role="alert" id={id}>
      <p class="error">{message}</p>
      {issues.length > 0 && (
        <ul>
          {issues.map((x, i) => {
            const where = [
              x.line === undefined ? null : t('lineNo', { n: x.line }),
              x.path ?? x.column ?? null,
            ]
              .filter((s) => s !== null && s !== '')
              .join(' · ')
            const what = x.message ?? x.expected ?? ''
            return (
              <li key={i} data-line={x.line}>
                {x.line !== undefined && onLine !== undefined ? (
                  <button type="button" class="link" onClick={() => onLine(x.line!)}>
                    {where}
                  </button>
                ) : (
                  <span class="where">{where}</span>
                )}
                {where === '' ? '' : ': '}
                {what}
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
