/**
 * The CRM import file: one row per customer, the columns of the chosen format, UTF-8
 * without a byte-order mark (Data Loader would read one into its first header name), RFC
 * 4180 quoting. Rows arrive in pages, so the file streams however many customers there
 * are; it is written beside its name and renamed into place when complete.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { mkdir, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { canSeeContacts, maskEmail, maskName, maskPhone, type Role } from './mask.js'
import type { CrmColumn, CrmField, CrmObject } from './formats.js'

/** One customer as exported: our fields, unformatted. */
export type CrmRecord = Readonly<Partial<Record<CrmField, string | number | null>>>

export interface CrmCsvOptions {
  readonly columns: readonly CrmColumn[]
  readonly object: CrmObject
  /** A role without rights to contact data gets phone, email and person names masked. */
  readonly role: Role
}

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s)

/** Numbers to at most two decimals, without grouping, as every CRM's importer reads them. */
function numberText(v: number): string {
  return Number.isFinite(v) ? String(Math.round(v * 100) / 100) : ''
}

/** The text of `field` for `record`, masked for `role` where it is contact data. */
export function crmValue(record: CrmRecord, field: CrmField, o: CrmCsvOptions): string {
  // An account is named for its company, which is not personal data; a person's name is.
  const company = field === 'name' && o.object === 'account' ? record.company : undefined
  if (typeof company === 'string' && company !== '') return company
  const raw = record[field]
  if (raw === null || raw === undefined) return ''
  if (typeof raw === 'number') return numberText(raw)
  if (canSeeContacts(o.role)) return raw
  if (field === 'phone') return maskPhone(raw)
  if (field === 'email') return maskEmail(raw)
  if (field === 'name') return maskName(raw)
  return raw
}

/** Writes the pages of records to `path` as CSV; resolves to the rows written. */
export async function writeCrmCsv(
  path: string,
  pages: AsyncIterable<readonly CrmRecord[]>,
  o: CrmCsvOptions,
): Promise<number> {
  await mkdir(dirname(path), { recursive: true })
  const part = `${path}.part`
  const out = createWriteStream(part, { encoding: 'utf8' })
  let rows = 0
  try {
    out.write(`${o.columns.map((c) => csvField(c.header)).join(',')}\r\n`)
    for await (const page of pages) {
      const text = page
        .map((r) => `${o.columns.map((c) => csvField(crmValue(r, c.field, o))).join(',')}\r\n`)
        .join('')
      rows += page.length
      if (!out.write(text)) await once(out, 'drain')
    }
    out.end()
    await once(out, 'finish')
    await rename(part, path)
    return rows
  } catch (e) {
    out.destroy()
    await rm(part, { force: true })
    throw e
  }
}
