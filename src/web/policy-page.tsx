// The policy editor: the policies, one as YAML text (and its tiers as a form), a what-if preview
// that follows the text a moment after typing stops, its problems by line beside the text, and
// saving, only when asked. Presets cannot be overwritten: they are saved under a new name.
import { useEffect, useRef, useState } from 'preact/hooks'
import { ApiError, type ApiIssue, type Lang } from './api.js'
import {
  getPolicies,
  getPolicy,
  previewPolicy,
  savePolicy,
  type PolicyDetail,
  type PolicyEntry,
  type PolicyPreview,
} from './api-manage.js'
import type { T } from './i18n.js'
import { IssueList } from './issue-list.js'
import { PolicyForm } from './policy-form.js'
import { PreviewMatrix, PreviewTiers } from './policy-preview.js'
import { href } from './route.js'

const PREVIEW_DELAY_MS = 600
const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/

interface Problem {
  readonly message: string
  readonly issues: readonly ApiIssue[]
}

const problemOf = (e: unknown): Problem => ({
  message: e instanceof Error ? e.message : String(e),
  issues: e instanceof ApiError ? e.issues : [],
})

interface Props {
  t: T
  lang: Lang
  name: string | null
  canEdit: boolean
}

export function PolicyPage({ t, lang, name, canEdit }: Props) {
  const [list, setList] = useState<readonly PolicyEntry[]>([])
  const [error, setError] = useState<string | null>(null)
  const reload = () =>
    getPolicies()
      .then((r) => setList(r.policies))
      .catch((e: unknown) => setError(problemOf(e).message))
  useEffect(() => void reload(), [])
  return (
    <section class="policies">
      <h1>{t('policies')}</h1>
      {error !== null && <p role="alert">{error}</p>}
      <div class="split">
        <nav aria-label={t('policies')} class="policy-list">
          {(['preset', 'saved'] as const).map((kind) => (
            <div key={kind}>
              <h2>{t(kind === 'preset' ? 'presets' : 'savedPolicies')}</h2>
              <ul>
                {list
                  .filter((p) => p.kind === kind)
                  .map((p) => (
                    <li key={p.name}>
                      <a
                        href={href('/policies', { name: p.name })}
                        aria-current={p.name === name ? 'page' : undefined}
                      >
                        {p.name}
                      </a>
                      {p.updatedBy !== null && <span class="meta"> · {p.updatedBy}</span>}
                    </li>
                  ))}
              </ul>
            </div>
          ))}
        </nav>
        {name === null ? (
          <p>{t('choosePolicy')}</p>
        ) : (
          <Editor key={name} t={t} lang={lang} name={name} canEdit={canEdit} onSaved={reload} />
        )}
      </div>
    </section>
  )
}

interface EditorProps extends Omit<Props, 'name'> {
  name: string
  onSaved: () => void
}

function Editor({ t, lang, name, canEdit, onSaved }: EditorProps) {
  const [detail, setDetail] = useState<PolicyDetail | null>(null)
  const [text, setText] = useState<string | null>(null)
  const [problem, setProblem] = useState<Problem | null>(null)
  const [preview, setPreview] = useState<PolicyPreview | null>(null)
  const [previewing, setPreviewing] = useState(false)
  const [saveAs, setSaveAs] = useState('')
  const [saving, setSaving] = useState(false)
  const [saved, setSaved] = useState<string | null>(null)
  const area = useRef<HTMLTextAreaElement>(null)
  const seq = useRef(0)

  useEffect(() => {
    getPolicy(name)
      .then((r) => {
        setDetail(r)
        setText(r.text)
        setSaveAs(r.kind === 'saved' ? r.name : `${r.name}-custom`)
      })
      .catch((e: unknown) => setProblem(problemOf(e)))
  }, [name])

  useEffect(() => {
    if (!canEdit || text === null) return
    const n = ++seq.current
    setPreviewing(true)
    const timer = setTimeout(() => {
      previewPolicy(text)
        .then((r) => {
          if (n !== seq.current) return
          setPreview(r)
          setProblem(null)
        })
        .catch((e: unknown) => n === seq.current && setProblem(problemOf(e)))
        .finally(() => n === seq.current && setPreviewing(false))
    }, PREVIEW_DELAY_MS)
    return () => clearTimeout(timer)
  }, [text])

  const showLine = (line: number) => {
    const el = area.current
    if (el === null) return
    const lines = el.value.split('\n')
    const start = lines.slice(0, line - 1).reduce((s, l) => s + l.length + 1, 0)
    el.focus()
    el.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0))
    el.scrollTop = Math.max(0, (line - 3) * (el.scrollHeight / Math.max(1, lines.length)))
  }
  const save = (e: Event) => {
    e.preventDefault()
    if (text === null) return
    setSaving(true)
    setSaved(null)
    savePolicy(saveAs, text)
      .then(() => {
        setSaved(saveAs)
        setProblem(null)
        onSaved()
      })
      .catch((err: unknown) => setProblem(problemOf(err)))
      .finally(() => setSaving(false))
  }

  if (text === null || detail === null)
    return problem === null ? <p>{t('loading')}</p> : <IssueList t={t} {...problem} />
  const validName = NAME.test(saveAs) && !(saveAs === name && detail.kind === 'preset')
  return (
    <div class="editor">
      <h2>
        {detail.summary.name[lang]} <span class="id">{name}</span>
      </h2>
      {detail.kind === 'preset' && canEdit && <p class="meta">{t('presetHint')}</p>}
      <div class="editor-grid">
        <div>
          <label for="policy-text">{t('policyText')}</label>
          <textarea
            id="policy-text"
            ref={area}
            value={text}
            readOnly={!canEdit}
            spellcheck={false}
            rows={24}
            aria-describedby="policy-issues"
            onInput={(e) => {
              setText(e.currentTarget.value)
              setSaved(null)
            }}
          />
        </div>
        <div>
          {problem !== null && (
            <IssueList t={t} {...problem} onLine={showLine} id="policy-issues" />
          )}
          {canEdit && (
            <section aria-labelledby="preview-title" class="preview">
              <h3 id="preview-title">{t('preview')}</h3>
              <p role="status" class="meta">
                {previewing
                  ? t('previewing')
                  : preview === null
                    ? ''
                    : problem === null
                      ? t('previewReady')
                      : t('previewStale')}
              </p>
              {preview !== null && <PreviewTiers t={t} lang={lang} p={preview} />}
            </section>
          )}
        </div>
      </div>
      {canEdit && preview !== null && <PreviewMatrix t={t} lang={lang} p={preview} />}
      <PolicyForm
        t={t}
        text={text}
        readOnly={!canEdit}
        onText={(s) => {
          setText(s)
          setSaved(null)
        }}
      />
      {canEdit && (
        <form class="filters save" onSubmit={save}>
          <label>
            {t('saveAs')}
            <input
              name="saveAs"
              value={saveAs}
              required
              aria-describedby="save-as-hint"
              onInput={(e) => setSaveAs(e.currentTarget.value)}
            />
            <span id="save-as-hint" class="meta">
              {t('nameRule')}
            </span>
          </label>
          <button type="submit" class="primary" disabled={saving || !validName}>
            {t('save')}
          </button>
          {saved !== null && (
            <span role="status" class="ok">
              {t('savedAs', { name: saved })} ·{' '}
              <a href={href('/policies', { name: saved })}>{t('openPolicy')}</a>
            </span>
          )}
        </form>
      )}
    </div>
  )
}
