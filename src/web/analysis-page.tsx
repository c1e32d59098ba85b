// Running an analysis: a policy and an as-of date; the new snapshot's overview when it is done.
import { useEffect, useState } from 'preact/hooks'
import type { ApiIssue } from './api.js'
import { ApiError } from './api.js'
import { getPolicies, runAnalysis, type PolicyEntry } from './api-manage.js'
import type { T } from './i18n.js'
import { IssueList } from './issue-list.js'
import { href } from './route.js'

interface Props {
  t: T
  /** The policy to start from (the latest run's). */
  current: string | null
  /** Called with the new snapshot once the analysis is kept. */
  onDone: (snapshot: number) => void
}

export function AnalysisPage({ t, current, onDone }: Props) {
  const [policies, setPolicies] = useState<readonly PolicyEntry[] | null>(null)
  const [policy, setPolicy] = useState(current ?? 'rfm-cn8')
  const [asOf, setAsOf] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<{ message: string; issues: readonly ApiIssue[] } | null>(null)
  useEffect(() => {
    getPolicies()
      .then((r) => setPolicies(r.policies))
      .catch((e: unknown) =>
        setError({ message: e instanceof Error ? e.message : String(e), issues: [] }),
      )
  }, [])

  const submit = (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    runAnalysis(policy, asOf)
      .then((r) => onDone(r.snapshot))
      .catch((err: unknown) =>
        setError({
          message: err instanceof Error ? err.message : String(err),
          issues: err instanceof ApiError ? err.issues : [],
        }),
      )
      .finally(() => setBusy(false))
  }
  const group = (kind: PolicyEntry['kind']) => (policies ?? []).filter((p) => p.kind === kind)

  return (
    <section>
      <h1>{t('runAnalysis')}</h1>
      <p class="meta">{t('runHint')}</p>
      <form class="filters" onSubmit={submit}>
        <label>
          {t('policy')}
          <select
            name="policy"
            value={policy}
            disabled={policies === null}
            onChange={(e) => setPolicy(e.currentTarget.value)}
          >
            {policies === null && <option value={policy}>{policy}</option>}
            <optgroup label={t('presets')}>
              {group('preset').map((p) => (
                <option key={p.name} value={p.name}>
                  {p.name}
                </option>
              ))}
            </optgroup>
            {group('saved').length > 0 && (
              <optgroup label={t('savedPolicies')}>
                {group('saved').map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <label>
          {t('asOf')}
          <input
            type="date"
            name="asOf"
            value={asOf}
            onInput={(e) => setAsOf(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {t('run')}
        </button>
      </form>
      <p class="meta">{t('asOfHint')}</p>
      {busy && <p role="status">{t('analysing')}</p>}
      {error !== null && <IssueList t={t} message={error.message} issues={error.issues} />}
      <p>
        <a href={href('/policies', { name: policy })}>{t('viewPolicy', { name: policy })}</a>
      </p>
    </section>
  )
}
