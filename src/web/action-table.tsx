// A page of actions; an open one can be marked done or skipped, with a note (a skip needs one).
import { Fragment } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Lang } from './api.js'
import { closeAction, type TrackedAction } from './api-manage.js'
import { formatNumber, priorityText, type T } from './i18n.js'
import { href } from './route.js'

const PAGE_SIZE = 25

interface Props {
  t: T
  lang: Lang
  actions: readonly TrackedAction[]
  canClose: boolean
  onClosed: () => void
}

export function ActionTable({ t, lang, actions, canClose, onClosed }: Props) {
  const [page, setPage] = useState(1)
  const [closing, setClosing] = useState<{ id: number; state: 'done' | 'skipped' } | null>(null)
  if (actions.length === 0) return <p>{t('noActions')}</p>
  const pages = Math.max(1, Math.ceil(actions.length / PAGE_SIZE))
  const shown = actions.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
  return (
    <>
      <div class="scroll">
        <table class="actions">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('customer_id')}</th>
              <th scope="col">{t('actions')}</th>
              <th scope="col">{t('owner')}</th>
              <th scope="col">{t('priority')}</th>
              <th scope="col">{t('due')}</th>
              <th scope="col">{t('status')}</th>
              {canClose && <th scope="col">{t('record')}</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <Fragment key={a.id}>
                <tr data-action={a.id} class={a.overdue ? 'overdue' : undefined}>
                  <td>{a.id}</td>
                  <td>
                    <a href={href(`/customers/${encodeURIComponent(a.customerId)}`)}>
                      {a.customerId}
                    </a>
                  </td>
                  <td>{a.text ?? a.action}</td>
                  <td>{a.owner ?? '–'}</td>
                  <td>{priorityText(t, a.priority)}</td>
                  <td>
                    {a.due}
                    {a.overdue && <span class="flag"> {t('overdueFlag')}</span>}
                  </td>
                  <td data-state={a.state}>
                    {t(a.state)}
                    {a.note !== null && <div class="meta">{a.note}</div>}
                  </td>
                  {canClose && (
                    <td class="row-buttons">
                      {a.state === 'open' &&
                        (['done', 'skipped'] as const).map((s) => (
                          <button
                            key={s}
                            type="button"
                            aria-expanded={closing?.id === a.id && closing.state === s}
                            aria-label={t(s === 'done' ? 'markDoneOf' : 'skipOf', { id: a.id })}
                            onClick={() => setClosing({ id: a.id, state: s })}
                          >
                            {t(s === 'done' ? 'markDone' : 'skip')}
                          </button>
                        ))}
                    </td>
                  )}
                </tr>
                {closing?.id === a.id && (
                  <tr class="close-row">
                    <td colSpan={8}>
                      <CloseForm
                        t={t}
                        action={a}
                        state={closing.state}
                        onCancel={() => setClosing(null)}
                        onClosed={() => {
                          setClosing(null)
                          onClosed()
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <nav class="pager" aria-label={t('actionsPage', { p: page, n: pages })}>
        <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('prev')}
        </button>
        <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          {t('next')}
        </button>
        <span class="status" role="status">
          {t('actionsCount', { p: page, n: pages, total: formatNumber(lang, actions.length) })}
        </span>
      </nav>
    </>
  )
}

interface CloseProps {
  t: T
  action: TrackedAction
  state: 'done' | 'skipped'
  onCancel: () => void
  onClosed: () => void
}

function CloseForm({ t, action, state, onCancel, onClosed }: CloseProps) {
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const box = useRef<HTMLTextAreaElement>(null)
  useEffect(() => box.current?.focus(), [])
  const submit = (e: Event) => {
    e.preventDefault()
    setBusy(true)
    closeAction(action.id, state, note)
      .then(onClosed)
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(false))
  }
  return (
    <form class="close-form" onSubmit={submit}>
      <label>
        {t(state === 'done' ? 'doneNote' : 'skipNote', { id: action.id })}
        <textarea
          name="note"
          rows={2}
          required={state === 'skipped'}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
          ref={box}
        />
      </label>
      <button type="submit" class="primary" disabled={busy}>
        {t(state === 'done' ? 'confirmDone' : 'confirmSkip')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('cancel')}
      </button>
      {error !== null && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </form>
  )
}
