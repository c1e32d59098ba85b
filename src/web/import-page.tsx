// Importing files: choose them (or drop them on the page), upload with a progress bar, then
// see what each file added and the data quality report, or every problem that stopped it.
import { useState } from 'preact/hooks'
import type { Lang } from './api.js'
import { formatNumber, type T } from './i18n.js'
import { ImportIssues, ImportSummary } from './import-result.js'
import { href } from './route.js'
import { uploadFiles, type UploadOutcome } from './upload.js'

interface Props {
  t: T
  lang: Lang
  /** Called after a successful import, so the rest of the page can reload. */
  onImported: () => void
}

type Stage =
  | { readonly kind: 'idle' }
  | { readonly kind: 'sending'; readonly share: number }
  | { readonly kind: 'done'; readonly outcome: UploadOutcome }
  | { readonly kind: 'error'; readonly message: string }

const key = (f: File) => `${f.name}\u0000${f.size}\u0000${f.lastModified}`

export function ImportPage({ t, lang, onImported }: Props) {
  const [files, setFiles] = useState<readonly File[]>([])
  const [stage, setStage] = useState<Stage>({ kind: 'idle' })
  const [over, setOver] = useState(false)
  const busy = stage.kind === 'sending'

  const add = (list: FileList | null) => {
    if (list === null) return
    const known = new Set(files.map(key))
    setFiles([...files, ...[...list].filter((f) => !known.has(key(f)))])
    setStage({ kind: 'idle' })
  }
  const upload = () => {
    setStage({ kind: 'sending', share: 0 })
    uploadFiles(files, (share) => setStage({ kind: 'sending', share }))
      .then((outcome) => {
        setStage({ kind: 'done', outcome })
        if (outcome.kind === 'imported') {
          setFiles([])
          onImported()
        }
      })
      .catch((e: unknown) =>
        setStage({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
      )
  }

  return (
    <section>
      <h1>{t('importData')}</h1>
      <p class="meta">{t('importHint')}</p>
      <div
        class={over ? 'drop over' : 'drop'}
        onDragOver={(e) => {
          e.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault()
          setOver(false)
          add(e.dataTransfer?.files ?? null)
        }}
      >
        <label class="file">
          {t('chooseFiles')}
          <input
            type="file"
            name="files"
            class="visually-hidden"
            multiple
            disabled={busy}
            onChange={(e) => {
              add(e.currentTarget.files)
              e.currentTarget.value = ''
            }}
          />
        </label>
        <p>{t('dropHere')}</p>
      </div>
      {files.length > 0 && (
        <ul class="chosen" aria-label={t('chosenFiles')}>
          {files.map((f) => (
            <li key={key(f)}>
              <span>{f.name}</span>
              <span class="meta">{t('kib', { n: formatNumber(lang, f.size / 1024, 1) })}</span>
              <button
                type="button"
                disabled={busy}
                aria-label={t('removeFile', { file: f.name })}
                onClick={() => setFiles(files.filter((g) => g !== f))}
              >
                {t('remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <p>
        <button
          type="button"
          class="primary"
          disabled={busy || files.length === 0}
          onClick={upload}
        >
          {t('upload')}
        </button>
      </p>
      {stage.kind === 'sending' && (
        <div class="progress">
          <label>
            {stage.share < 1 ? t('uploading') : t('importing')}
            <progress max={100} value={Math.round(stage.share * 100)} />
          </label>
          <span role="status">
            {stage.share < 1 ? `${Math.round(stage.share * 100)}%` : t('importing')}
          </span>
        </div>
      )}
      {stage.kind === 'error' && (
        <p role="alert" class="error">
          {t('uploadFailed')}: {stage.message}
        </p>
      )}
      {stage.kind === 'done' && <Outcome t={t} lang={lang} outcome={stage.outcome} />}
    </section>
  )
}

function Outcome({ t, lang, outcome }: { t: T; lang: Lang; outcome: UploadOutcome }) {
  switch (outcome.kind) {
    case 'imported':
      return (
        <>
          <p role="status" class="ok">
            {t('imported', { n: outcome.files.length })}{' '}
            <a href={href('/analyses')}>{t('nextRun')}</a>
          </p>
          <ImportSummary t={t} lang={lang} files={outcome.files} quality={outcome.quality} />
        </>
      )
    case 'invalid':
      return (
        <ImportIssues
          t={t}
          message={outcome.message}
          issues={outcome.issues}
          total={outcome.totalIssues}
        />
      )
    case 'tooLarge':
      return (
        <p role="alert" class="error">
          {t('tooLarge')} {outcome.message}
        </p>
      )
    case 'failed':
      return (
        <p role="alert" class="error">
          {t('uploadFailed')} (HTTP {outcome.status}): {outcome.message}
        </p>
      )
  }
}
