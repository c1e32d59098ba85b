/**
 * The one error type of Clientele. Every error a user can meet carries a stable `code`
 * and a message that says what to do; batch work attaches every `issue` it found.
 */

/** Stable error codes, grouped by the layer that raises them. */
export type ErrorCode =
  | 'USAGE'
  | 'INGEST_FILE_NOT_FOUND'
  | 'INGEST_EMPTY_FILE'
  | 'INGEST_BAD_ENCODING'
  | 'INGEST_BAD_HEADER'
  | 'INGEST_UNKNOWN_KIND'
  | 'INGEST_MISSING_COLUMN'
  | 'INGEST_BAD_ROW'
  | 'INGEST_BAD_DATE'
  | 'INGEST_AMBIGUOUS_DATE'
  | 'INGEST_BAD_NUMBER'
  | 'INGEST_MISSING_VALUE'
  | 'INGEST_BAD_MAPPING'
  | 'INGEST_UNSUPPORTED_FORMAT'
  | 'INGEST_INVALID'
  | 'ENGINE_UNREACHABLE'
  | 'ENGINE_QUERY_FAILED'
  | 'ENGINE_STORE_LOCKED'
  | 'ENGINE_NOT_SUPPORTED'
  | 'MODEL_INVALID_INPUT'
  | 'MODEL_NOT_CONVERGED'
  | 'POLICY_INVALID'
  | 'INDICATOR_UNKNOWN'
  | 'EXPORT_FAILED'
  | 'PUSH_FAILED'
  | 'SNAPSHOT_NOT_FOUND'
  | 'ACTION_NOT_FOUND'
  | 'ACTION_INVALID'
  | 'AUTH_REQUIRED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'

/** One problem found in a file, a policy or a data set. */
export interface Issue {
  readonly code: ErrorCode
  /** Dotted path or column name the issue is about. */
  readonly path?: string
  readonly message: string
  readonly file?: string
  /** 1-based line in a text file (the header is line 1 of a CSV). */
  readonly line?: number
  /** 1-based record in a file without lines (Parquet, a JSON array, an Excel sheet's data rows). */
  readonly row?: number
  readonly column?: string
  readonly value?: string
}

export interface ClienteleErrorOptions {
  readonly cause?: unknown
  readonly issues?: readonly Issue[]
  /** How many issues there were in all when `issues` was capped. */
  readonly totalIssues?: number
}

/** Base class of every error Clientele raises on purpose. */
export class ClienteleError extends Error {
  readonly code: ErrorCode
  readonly issues: readonly Issue[]
  readonly totalIssues: number

  constructor(code: ErrorCode, message: string, options: ClienteleErrorOptions = {}) {
    super(message, { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.issues = options.issues ?? []
    this.totalIssues = options.totalIssues ?? this.issues.length
  }

  /** The message followed by one line per issue, and a count of those left out. */
  describe(): string {
    const lines = [this.message, ...this.issues.map((i) => `  ${formatIssue(i)}`)]
    const more = this.totalIssues - this.issues.length
    if (more > 0) lines.push(`  … and ${more} more`)
    return lines.join('\n')
  }
}

/** `file:line column "name": message (value "x")`, leaving out what is unknown. */
export function formatIssue(issue: Issue): string {
  const where = [
    issue.file === undefined ? '' : issue.file,
    issue.line === undefined ? '' : `${issue.file === undefined ? 'line ' : ':'}${issue.line}`,
    issue.row === undefined || issue.line !== undefined ? '' : ` row ${issue.row}`,
  ].join('')
  const column = issue.column === undefined ? '' : `column "${issue.column}"`
  const path = issue.path !== undefined && issue.column === undefined ? issue.path : ''
  const head = [where, column, path].filter((s) => s !== '').join(' ')
  const value = issue.value === undefined ? '' : ` (value "${issue.value}")`
  return `${head === '' ? '' : `${head}: `}${issue.message}${value}`
}

export function isClienteleError(e: unknown): e is ClienteleError {
  return e instanceof ClienteleError
}
