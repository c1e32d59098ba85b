// Downloads: the analysis table as CSV and the tier tags as a CRM's import file, in the formats
// the server lists. Each is a plain link, so the browser downloads it with the session's cookie;
// the server masks what the user's role may not see and writes the language chosen here.
import { useEffect, useState } from 'preact/hooks'
import type { Lang } from './api.js'
import { getExports, type ExportList } from './api-manage.js'
import { FORMAT_WORDS, OBJECT_WORDS, exportUrl } from './export-formats.js'
import type { T, Word } from './i18n.js'

const FORMATS: Readonly<Record<string, readonly [Word, Word]>> = FORMAT_WORDS
const OBJECTS: Readonly<Record<string, Word>> = OBJECT_WORDS

export function ExportsPage({ t, lang }: { t: T; lang: Lang }) {
  const [list, setList] = useState<ExportList | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [object, setObject] = useState<string | null>(null)
  useEffect(() => {
    let live = true
    getExports()
      .then((r) => live && setList(r))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
    return () => {
      live = false
    }
  }, [])
  const header = (
    <>
      <h1>{t('exports')}</h1>
      <p class="meta">{t('exportsHint')}</p>
    </>
  )
  if (error !== null)
    return (
      <section>
        {header}
        <p role="alert">{error}</p>
      </section>
    )
  if (list === null)
    return (
      <section>
        {header}
        <p>{t('loading')}</p>
      </section>
    )
  const chosen = object ?? list.objects[0]
  const link = (f: string) => {
    const words = FORMATS[f]
    return (
      <li key={f}>
        <a
          class="button"
          href={exportUrl(f, lang, f === 'csv' ? undefined : chosen)}
          download
          data-format={f}
        >
          {t('download', { format: words === undefined ? f : t(words[0]) })}
        </a>{' '}
        {words !== undefined && <span class="meta">{t(words[1])}</span>}
      </li>
    )
  }
  const crm = list.formats.filter((f) => f !== 'csv')
  return (
    <section>
      {header}
      {list.formats.includes('csv') && (
        <>
          <h2>{t('analysisTable')}</h2>
          <ul class="downloads">{link('csv')}</ul>
        </>
      )}
      {crm.length > 0 && (
        <>
          <h2>{t('crmFiles')}</h2>
          <form class="filters" onSubmit={(e) => e.preventDefault()}>
            <label>
              {t('crmObject')}
              <select
                name="object"
                value={chosen}
                onChange={(e) => setObject(e.currentTarget.value)}
              >
                {list.objects.map((o) => {
                  const word = OBJECTS[o]
                  return (
                    <option key={o} value={o}>
                      {word === undefined ? o : t(word)}
                    </option>
                  )
                })}
              </select>
            </label>
          </form>
          <ul class="downloads">{crm.map(link)}</ul>
        </>
      )}
    </section>
  )
}
