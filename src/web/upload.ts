// Uploading files to POST /api/imports as multipart/form-data (one `files` entry per file) with
// XMLHttpRequest, whose upload events give the progress that fetch cannot.
import { apiError, sessionCsrf, type ApiIssue } from './api.js'

/** One imported file's counts; the server may send more fields. */
export interface ImportedFile {
  readonly file?: string
  readonly kind?: string
  readonly format?: string
  readonly encoding?: string
  readonly rows?: number
  readonly inserted?: number
  readonly updated?: number
  readonly unchanged?: number
  readonly duplicates?: number
  readonly [field: string]: unknown
}

export interface QualityFinding {
  readonly check?: string
  readonly severity?: string
  readonly count?: number
  readonly examples?: readonly string[]
  readonly action?: string
}

export interface QualityTable {
  readonly table?: string
  readonly rows?: number
  readonly customers?: number
  readonly from?: string | null
  readonly to?: string | null
}

export interface QualityReport {
  readonly tables?: readonly QualityTable[]
  readonly findings?: readonly QualityFinding[]
}

export type UploadOutcome =
  | {
      readonly kind: 'imported'
      readonly files: readonly ImportedFile[]
      readonly quality: QualityReport
    }
  | {
      readonly kind: 'invalid'
      readonly message: string
      readonly issues: readonly ApiIssue[]
      readonly totalIssues: number
    }
  | { readonly kind: 'tooLarge'; readonly message: string }
  | { readonly kind: 'failed'; readonly status: number; readonly message: string }

function outcome(status: number, text: string): UploadOutcome {
  let body: unknown = {}
  try {
    body = JSON.parse(text)
  } catch {
    // a proxy's HTML error page: keep the status
  }
  const b = body as {
    files?: unknown
    quality?: unknown
    error?: { totalIssues?: unknown }
  }
  if (status === 413) return { kind: 'tooLarge', message: apiError(status, body, '').message }
  if (status >= 200 && status < 300)
    return {
      kind: 'imported',
      files: Array.isArray(b.files) ? (b.files as ImportedFile[]) : [],
      quality: typeof b.quality === 'object' && b.quality !== null ? b.quality : {},
    }
  const e = apiError(status, body, `HTTP ${status}`)
  if (status === 422 || e.issues.length > 0) {
    const total = b.error?.totalIssues
    return {
      kind: 'invalid',
      message: e.message,
      issues: e.issues,
      totalIssues: typeof total === 'number' ? total : e.issues.length,
    }
  }
  return { kind: 'failed', status, message: e.message }
}

/**
 * Sends `files` in one request; `onProgress` gets the share sent, 0–1. Resolves with what the
 * server answered; rejects when the tab has no session or the request could not be made.
 */
export async function uploadFiles(
  files: readonly File[],
  onProgress: (share: number) => void,
): Promise<UploadOutcome> {
  const form = new FormData()
  for (const f of files) form.append('files', f, f.name)
  const csrf = await sessionCsrf()
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/api/imports')
    xhr.setRequestHeader('accept', 'application/json')
    xhr.setRequestHeader('x-csrf-token', csrf)
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total)
    })
    xhr.upload.addEventListener('load', () => onProgress(1))
    xhr.addEventListener('load', () => resolve(outcome(xhr.status, xhr.responseText)))
    xhr.addEventListener('error', () => reject(new Error('network error')))
    xhr.addEventListener('abort', () => reject(new Error('aborted')))
    xhr.send(form)
  })
}
