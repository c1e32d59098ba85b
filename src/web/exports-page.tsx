// Downloads: the analysis table as CSV and the tier tags as a CRM's import file. Each is a plain
// link, so the browser downloads it with the session's cookie; the server masks what the user's
// role may not see and writes the language chosen here.
import { useState } from 'preact/hooks'
import type { Lang } from './api.js'
import {
  CRM_OBJECTS,
  EXPORT_FORMATS,
  exportUrl,
  type CrmObject,
  type ExportFormat,
} from './export-formats.js'
import type { T, Word } from './i18n.js'

const WORDS: Record<ExportFormat, readonly [Word, Word]> = {
  csv: ['formatCsv', 'exportCsv'],
  salesforce: ['formatSalesforce', 'exportCrmFile'],
  hubspot: ['formatHubspot', 'exportCrmFile'],
  zoho: ['formatZoho', 'exportCrmFile'],
  generic: ['formatGeneric', 'exportGeneric'],
}

export function ExportsPage({ t, lang }: { t: T; lang: Lang }) {
  const [object, setObject] = useState<CrmObject>('contact')
  const link = (f: ExportFormat) => {
    const [name, what] = WORDS[f]
    return (
      <li key={f}>
        <a
          class="button"
          href={exportUrl(f, lang, f === 'csv' ? undefined : object)}
          download
          data-format={f}
        >
          {t('download', { format: t(name) })}
        </a>{' '}
        <span class="meta">{t(what)}</span>
      </li>
    )
  }
  return (
    <section>
      <h1>{t('exports')}</h1>
      <p class="meta">{t('exportsHint')}</p>
      <h2>{t('analysisTable')}</h2>
      <ul class="downloads">{link('csv')}</ul>
      <h2>{t('crmFiles')}</h2>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('crmObject')}
          <select
            name="object"
            value={object}
            onChange={(e) => setObject(e.currentTarget.value as CrmObject)}
          >
            {CRM_OBJECTS.map((o) => (
              <option key={o} value={o}>
                {t(o)}
              </option>
            ))}
          </select>
        </label>
      </form>
      <ul class="downloads">{EXPORT_FORMATS.filter((f) => f !== 'csv').map(link)}</ul>
    </section>
  )
}
