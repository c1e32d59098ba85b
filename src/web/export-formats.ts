// The downloads the server offers: GET /api/exports lists the formats and the CRM record kinds
// (`getExports` in api-manage.ts), GET /api/exports/:format gives one. The dashboard asks for the
// list instead of keeping a copy; it keeps words only for the formats it knows, and shows any
// other by its name. No DOM here: a Node test checks these words against the server's formats.

/** The name and the description (words of i18n.ts) of each format the dashboard knows. */
export const FORMAT_WORDS = {
  csv: ['formatCsv', 'exportCsv'],
  salesforce: ['formatSalesforce', 'exportCrmFile'],
  hubspot: ['formatHubspot', 'exportCrmFile'],
  zoho: ['formatZoho', 'exportCrmFile'],
  generic: ['formatGeneric', 'exportGeneric'],
} as const

/** The words of the CRM record kinds the dashboard knows. */
export const OBJECT_WORDS = { contact: 'contact', account: 'account' } as const

/** The download address of one export, with its language and, for a CRM file, its object. */
export function exportUrl(format: string, lang: 'zh' | 'en', object?: string): string {
  const q = new URLSearchParams({ lang })
  if (format !== 'csv' && object !== undefined) q.set('object', object)
  return `/api/exports/${encodeURIComponent(format)}?${q.toString()}`
}
