// The downloads the server offers at GET /api/exports/:format. The list mirrors the server's
// EXPORT_FORMATS (the dashboard may not import it; a test keeps the two equal).

export const EXPORT_FORMATS = ['csv', 'salesforce', 'hubspot', 'zoho', 'generic'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** The record kinds a CRM file can describe. */
export const CRM_OBJECTS = ['contact', 'account'] as const
export type CrmObject = (typeof CRM_OBJECTS)[number]

/** The download address of one export, with its language and, for a CRM file, its object. */
export function exportUrl(format: ExportFormat, lang: 'zh' | 'en', object?: CrmObject): string {
  const q = new URLSearchParams({ lang })
  if (format !== 'csv' && object !== undefined) q.set('object', object)
  return `/api/exports/${format}?${q.toString()}`
}
