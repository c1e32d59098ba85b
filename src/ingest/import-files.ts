/**
 * Importing files into the store as one atomic step: every file is read and its structure,
 * headers and date orders checked first; then all are written in one transaction, which
 * fails on the first value that is missing or does not parse. Then each file is scanned for
 * every such problem. A failed import returns every problem found and leaves the store
 * exactly as it was.
 */
import { basename } from 'node:path'
import { statSync } from 'node:fs'
import type { Engine } from '../engine/index.js'
import { TABLES, isClienteleError, type Issue, type TableKind } from '../schema/index.js'
import { detectKind, duplicateHeaders, matchHeaders, type HeaderMatch } from './headers.js'
import { MAX_ISSUES } from './ingest-error.js'
import { loadSource, type LoadCounts } from './load.js'
import type { Mapping } from './mapping.js'
import { readDateOrders, valueIssues } from './parse.js'
import { openSource, type OpenedSource } from './sources.js'
import { ensureStore, rehashStore } from './store.js'

export interface ImportOptions {
  /** The table the files hold; detected from their headers when not given. */
  readonly kind?: TableKind
  readonly mapping?: Mapping
  /** How a file is named in the result, its issues and the imports table; default its path. */
  readonly label?: (file: string) => string
  /** Called as each file moves on, for progress displays. */
  readonly onProgress?: (event: {
    file: string
    stage: 'reading' | 'validating' | 'writing' | 'done'
  }) => void
}

export interface ImportedFile extends LoadCounts {
  readonly file: string
  readonly kind: TableKind
  readonly format: string
  readonly encoding: string
  /** Canonical field → the header it was read from. */
  readonly columns: Readonly<Record<string, string>>
  readonly attributes: readonly string[]
}

export interface ImportResult {
  readonly ok: boolean
  readonly importId: number | undefined
  readonly files: readonly ImportedFile[]
  readonly issues: readonly Issue[]
  readonly totalIssues: number
}

interface Prepared {
  readonly source: OpenedSource
  readonly match: HeaderMatch
  readonly dayFirst: ReadonlyMap<string, boolean>
  readonly rows: number
}

function explicitColumns(
  source: OpenedSource,
  mapping: Mapping,
  issues: Issue[],
): Map<string, number> {
  const out = new Map<string, number>()
  for (const [field, ref] of Object.entries(mapping.columns ?? {})) {
    const i =
      typeof ref === 'number' ? ref - 1 : source.headers.findIndex((h) => h.trim() === ref.trim())
    if (i < 0 || i >= source.headers.length) {
      issues.push({
        code: 'INGEST_BAD_MAPPING',
        file: source.file,
        path: `columns.${field}`,
        message: `the mapping names column ${JSON.stringify(ref)} for ${field}, but the file has: ${source.headers.join(', ')}`,
      })
    } else out.set(field, i)
  }
  return out
}

function headerIssues(
  source: OpenedSource,
  options: ImportOptions,
  issues: Issue[],
): HeaderMatch | undefined {
  const mapping = options.mapping ?? {}
  const file = source.file
  for (const dup of duplicateHeaders(source.headers)) {
    issues.push({
      code: 'INGEST_BAD_HEADER',
      file,
      line: 1,
      column: dup.name,
      message: `the header "${dup.name}" appears in columns ${dup.columns.map((c) => c + 1).join(' and ')}; rename one of them`,
    })
  }
  const explicit = explicitColumns(source, mapping, issues)
  const kind = options.kind ?? mapping.kind
  const match = kind
    ? matchHeaders(kind, source.headers, explicit)
    : detectKind(source.headers, basename(file))
  if (match === undefined) {
    issues.push({
      code: 'INGEST_UNKNOWN_KIND',
      file,
      line: 1,
      message: `cannot tell which table this is from its headers (${source.headers.join(', ')}); pass --kind customers|transactions|interactions|feedback|surveys|campaigns, or a --mapping file`,
    })
    return undefined
  }
  for (const field of match.missing) {
    const spec = TABLES[match.kind].find((f) => f.name === field)!
    issues.push({
      code: 'INGEST_MISSING_COLUMN',
      file,
      line: 1,
      path: field,
      message: `no column for the required field ${field} of ${match.kind}; expected a header such as ${spec.synonyms.slice(0, 4).join(', ')}, ${spec.zh} (or map one with --mapping)`,
    })
  }
  return match.missing.length === 0 ? match : undefined
}

async function prepare(
  engine: Engine,
  file: string,
  options: ImportOptions,
  issues: Issue[],
  opened: OpenedSource[],
): Promise<{ prepared?: Prepared; total: number }> {
  options.onProgress?.({ file, stage: 'reading' })
  const source = await openSource(engine, file, options.mapping)
  opened.push(source)
  const before = issues.length
  const match = headerIssues(source, options, issues)
  if (match === undefined || issues.length > before) return { total: issues.length - before }
  options.onProgress?.({ file, stage: 'validating' })
  const structural = await source.structuralIssues(engine)
  if (structural.length > 0) {
    issues.push(...structural)
    return { total: structural.length }
  }
  const v = await readDateOrders(engine, source, match, options.mapping ?? {})
  if (v.rows === 0) {
    issues.push({
      code: 'INGEST_EMPTY_FILE',
      file,
      message: 'the file has a header but no data rows',
    })
    return { total: 1 }
  }
  issues.push(...v.issues)
  if (v.totalIssues > 0) return { total: v.totalIssues }
  return { prepared: { source, match, dayFirst: v.dayFirst, rows: v.rows }, total: 0 }
}

/**
 * A Clientele error reading `file` as the file's issues, added to `issues`; returns how many
 * problems it counts. Any other error is a fault, not a problem of the file: thrown again.
 */
function fileIssues(e: unknown, file: string, issues: Issue[]): number {
  if (!isClienteleError(e)) throw e
  const own = e.issues.length > 0 ? e.issues : [{ code: e.code, file, message: e.message }]
  issues.push(...own)
  return Math.max(e.totalIssues, own.length)
}

/** The issue with its file, and the file's path in its message, named by `label`. */
function relabel(issue: Issue, label: (file: string) => string): Issue {
  if (issue.file === undefined) return issue
  const name = label(issue.file)
  return { ...issue, file: name, message: issue.message.split(issue.file).join(name) }
}

/** Reads, validates and stores `files`; all of them or none. Never throws for bad data. */
export async function importFiles(
  engine: Engine,
  files: readonly string[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  const label = options.label ?? ((file: string) => file)
  const issues: Issue[] = []
  const opened: OpenedSource[] = []
  const prepared: Prepared[] = []
  let total = 0
  try {
    await ensureStore(engine)
    for (const file of files) {
      try {
        const p = await prepare(engine, file, options, issues, opened)
        total += p.total
        if (p.prepared) prepared.push(p.prepared)
      } catch (e) {
        total += fileIssues(e, file, issues)
      }
    }
    const failed = (): ImportResult => ({
      ok: false,
      importId: undefined,
      files: [],
      issues: issues.slice(0, MAX_ISSUES).map((i) => relabel(i, label)),
      totalIssues: total,
    })
    if (total > 0) return failed()
    const result = await engine
      .transaction(async () => {
        await rehashStore(engine)
        const [{ id }] = (await engine.all(
          `SELECT coalesce(max(import_id), 0) + 1 AS id FROM imports`,
        )) as [{ id: number }]
        const done: ImportedFile[] = []
        for (const p of prepared) {
          options.onProgress?.({ file: p.source.file, stage: 'writing' })
          const counts = await loadSource(
            engine,
            p.source,
            p.match,
            p.dayFirst,
            id,
            p.rows,
            options.mapping?.currency,
          )
          await engine.run(
            `INSERT INTO imports VALUES ($id, now()::TIMESTAMP, $file, $kind, $format, $encoding, $bytes, $rows, $inserted, $updated, $unchanged, $duplicates)`,
            {
              id,
              file: label(p.source.file),
              kind: p.match.kind,
              format: p.source.format,
              encoding: p.source.encoding,
              bytes: statSync(p.source.file).size,
              ...counts,
            },
          )
          options.onProgress?.({ file: p.source.file, stage: 'done' })
          done.push({
            file: label(p.source.file),
            kind: p.match.kind,
            format: p.source.format,
            encoding: p.source.encoding,
            columns: Object.fromEntries(
              [...p.match.fields].map(([f, i]) => [f, p.source.headers[i]!]),
            ),
            attributes: p.match.attributes.map((i) => p.source.headers[i]!),
            ...counts,
          })
        }
        return { id, done }
      })
      .catch(async (e: unknown) => {
        // The load checks each value as it parses it and fails on the first bad one (see
        // `invalidRow`); the transaction is rolled back, and each file is scanned for every
        // problem to report. A failure with no bad value behind it is not about the data.
        for (const p of prepared) {
          try {
            const v = await valueIssues(engine, p.source, p.match, p.dayFirst)
            issues.push(...v.issues)
            total += v.totalIssues
          } catch (error) {
            total += fileIssues(error, p.source.file, issues)
          }
        }
        if (total === 0) throw e
        return undefined
      })
    if (result === undefined) return failed()
    return { ok: true, importId: result.id, files: result.done, issues: [], totalIssues: 0 }
  } finally {
    for (const s of opened) {
      // Dropping a temporary table cannot fail in a way the caller could act on; the
      // import's own outcome (or error) is what they need.
      await s.release?.(engine).catch(() => undefined)
      s.cleanup()
    }
  }
}
