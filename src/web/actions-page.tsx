// Following actions through (执行监督): mine, by owner with each owner's completion, or the
// overdue ones; an open action is marked done or skipped with a note. The server decides what
// a user may see: an account manager gets only their own, whatever the page asks for.
import { useEffect, useState } from 'preact/hooks'
import type { Lang, SessionUser } from './api.js'
import { getActions, type ActionList, type OwnerStats } from './api-manage.js'
import { ActionTable } from './action-table.js'
import { formatNumber, percent, type T } from './i18n.js'
import { href } from './route.js'

type View = 'mine' | 'owner' | 'overdue'
const VIEWS: readonly View[] = ['mine', 'owner', 'overdue']
const STATES = ['open', 'done', 'skipped'] as const

interface Props {
  t: T
  lang: Lang
  user: SessionUser | null
  params: URLSearchParams
}

export function ActionsPage({ t, lang, user, params }: Props) {
  const manager = user?.role === 'manager'
  const views = VIEWS.filter((v) => !(manager && v === 'owner') && !(user === null && v === 'mine'))
  const asked = params.get('view') as View | null
  // managers mostly follow their own actions; the others oversee everyone's
  const fallback: View = manager || !views.includes('owner') ? (views[0] ?? 'overdue') : 'owner'
  const view: View = asked !== null && views.includes(asked) ? asked : fallback
  const owner = view === 'owner' ? (params.get('owner') ?? '') : ''
  const stateParam = params.get('state')
  const state = STATES.find((s) => s === stateParam) ?? (stateParam === 'all' ? undefined : 'open')
  const [data, setData] = useState<ActionList | null>(null)
  const [owners, setOwners] = useState<readonly OwnerStats[]>([])
  const [error, setError] = useState<string | null>(null)
  const [tick, setTick] = useState(0)

  useEffect(() => {
    let live = true
    setError(null)
    const q =
      view === 'mine'
        ? { owner: user?.name, state }
        : view === 'overdue'
          ? { overdue: true }
          : { owner: owner === '' ? undefined : owner, state }
    getActions(q)
      .then((r) => live && setData(r))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
    if (view === 'owner')
      getActions({})
        .then((r) => live && setOwners(r.owners))
        .catch(() => undefined)
    return () => {
      live = false
    }
  }, [view, owner, state, tick])

  const go = (p: Record<string, string | undefined>) =>
    (location.hash = href('/actions', {
      view,
      owner: owner || undefined,
      state: state ?? 'all',
      ...p,
    }))
  return (
    <section>
      <h1>{t('actionsTitle')}</h1>
      <nav class="tabs" aria-label={t('actionsTitle')}>
        {views.map((v) => (
          <a
            key={v}
            href={href('/actions', { view: v })}
            aria-current={v === view ? 'page' : undefined}
          >
            {t(v === 'mine' ? 'mine' : v === 'owner' ? 'byOwner' : 'overdue')}
          </a>
        ))}
      </nav>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        {view !== 'overdue' && (
          <label>
            {t('status')}
            <select
              name="state"
              value={state ?? 'all'}
              onChange={(e) => go({ state: e.currentTarget.value })}
            >
              <option value="all">{t('allStates')}</option>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {t(s)}
                </option>
              ))}
            </select>
          </label>
        )}
        {view === 'owner' && (
          <label>
            {t('owner')}
            <select
              name="owner"
              value={owner}
              onChange={(e) => go({ owner: e.currentTarget.value })}
            >
              <option value="">{t('allOwners')}</option>
              {owners.map((o) => (
                <option key={o.owner} value={o.owner}>
                  {o.owner}
                </option>
              ))}
            </select>
          </label>
        )}
      </form>
      {view === 'owner' && owners.length > 0 && <OwnerTable t={t} lang={lang} owners={owners} />}
      {error !== null && <p role="alert">{error}</p>}
      {data === null ? (
        <p>{t('loading')}</p>
      ) : (
        <ActionTable
          key={`${view}/${owner}/${state}/${tick}`}
          t={t}
          lang={lang}
          actions={data.actions}
          canClose={user === null || user.role !== 'viewer'}
          onClosed={() => setTick(tick + 1)}
        />
      )}
    </section>
  )
}

function OwnerTable({ t, lang, owners }: { t: T; lang: Lang; owners: readonly OwnerStats[] }) {
  return (
    <div class="scroll">
      <table class="owners">
        <caption>{t('ownerStats')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('owner')}</th>
            {(['total', 'open', 'done', 'skipped', 'overdue'] as const).map((k) => (
              <th key={k} scope="col" class="num">
                {t(k)}
              </th>
            ))}
            <th scope="col" class="num">
              {t('completionRate')}
            </th>
          </tr>
        </thead>
        <tbody>
          {owners.map((o) => (
            <tr key={o.owner}>
              <th scope="row">
                <a href={href('/actions', { view: 'owner', owner: o.owner })}>{o.owner}</a>
              </th>
              {(['total', 'open', 'done', 'skipped', 'overdue'] as const).map((k) => (
                <td key={k} class="num">
                  {formatNumber(lang, o[k])}
                </td>
              ))}
              <td class="num">
                {o.completionRate === null ? '–' : percent(lang, o.completionRate)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
