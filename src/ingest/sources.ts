/**
 * Opening a file of any supported format as one SQL relation of text columns `c0…cN`
 * (and `__line` where the format knows it), plus the header names as the file writes them.
 * Text that DuckDB cannot read directly (GBK, UTF-16, whitespace-aligned) is first
 * converted to a temporary UTF-8 file by a stream; nothing is held in JS memory.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, extname, join } from 'node:path'
import type { Engine } from '../engine/index.js'
import type { Issue } from '../schema/index.js'
import { firstRecord, headText, sniffDelimiter, type Delimiter } from './csv-sniff.js'
import { convertToUtf8, detectEncoding, normaliseEncoding, type TextEncoding } from './encoding.js'
import { IngestError } from './ingest-error.js'
import type { Mapping } from './mapping.js'
import { xlsxToCsv } from './xlsx-source.js'

export type SourceFormat = 'csv' | 'xlsx' | 'parquet' | 'json'

export interface OpenedSource {
  readonly file: string
  readonly format: SourceFormat
  readonly encoding: TextEncoding | 'binary'
  readonly headers: readonly string[]
  /** A FROM-clause expression yielding VARCHAR columns c0…c{n-1}. */
  readonly relation: string
  /** An SQL expression for a row's line in the file, when the relation carries it. */
  readonly lineColumn: string | undefined
  /** Lines before the first data row (the header), to turn record numbers into lines. */
  readonly headerLines: number
  /** Whether records are lines of text (CSV, NDJSON) rather than rows of a sheet or table. */
  readonly textLines: boolean
  /** Problems with the file's structure (ragged rows, bad quoting), by line. */
  structuralIssues(engine: Engine): Promise<Issue[]>
  cleanup(): void
}

const FORMATS: Record<string, SourceFormat> = {
  '.csv': 'csv',
  '.tsv': 'csv',
  '.txt': 'csv',
  '.dat': 'csv',
  '.xlsx': 'xlsx',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.json': 'json',
  '.ndjson': 'json',
  '.jsonl': 'json',
}

export function formatOf(file: string): SourceFormat {
  const ext = extname(file).toLowerCase()
  const f = FORMATS[ext]
  if (f !== undefined) return f
  const hint = ext === '.xls' ? '; save it as .xlsx (Excel 2007 or later) first' : ''
  throw new IngestError(
    'INGEST_UNSUPPORTED_FORMAT',
    `cannot read ${file}: unknown file type "${ext}"${hint}`,
    [
      {
        code: 'INGEST_UNSUPPORTED_FORMAT',
        file,
        message: `expected one of ${Object.keys(FORMATS).join(' ')}${hint}`,
      },
    ],
  )
}

export async function openSource(
  engine: Engine,
  file: string,
  mapping: Mapping = {},
): Promise<OpenedSource> {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new IngestError('INGEST_FILE_NOT_FOUND', `file not found: ${file}`)
  }
  if (statSync(file).size === 0) {
    throw new IngestError('INGEST_EMPTY_FILE', `${file} is empty`, [
      {
        code: 'INGEST_EMPTY_FILE',
        file,
        message: 'the file has no bytes: expected a header row and data rows',
      },
    ])
  }
  const format = formatOf(file)
  const tmp = mkdtempSync(join(tmpdir(), 'clientele-ingest-'))
  const cleanup = () => rmSync(tmp, { recursive: true, force: true })
  try {
    if (format === 'csv') return await openCsv(file, mapping, tmp, cleanup)
    if (format === 'xlsx') return await openXlsx(engine, file, mapping, tmp, cleanup)
    return await openTyped(engine, file, format, cleanup)
  } catch (e) {
    cleanup()
    throw e
  }
}

const q = (s: string) => `'${s.replaceAll("'", "''")}'`

async function openCsv(
  file: string,
  mapping: Mapping,
  tmp: string,
  cleanup: () => void,
): Promise<OpenedSource> {
  const detected = detectEncoding(file)
  const encoding = mapping.encoding ? normaliseEncoding(mapping.encoding, file) : detected.encoding
  let path = file
  let text = encoding === 'utf8' ? headText(file) : ''
  let delim: Delimiter = mapping.delimiter === undefined ? ',' : (mapping.delimiter as Delimiter)
  if (encoding === 'utf8' && mapping.delimiter === undefined) delim = sniffDelimiter(text)
  if (encoding !== 'utf8' || delim === 'whitespace') {
    path = join(tmp, `${basename(file)}.utf8.csv`)
    await convertToUtf8(file, path, encoding, delim === 'whitespace')
    text = headText(path)
    if (mapping.delimiter === undefined && delim !== 'whitespace') delim = sniffDelimiter(text)
  }
  if (text.trim() === '') {
    throw new IngestError('INGEST_EMPTY_FILE', `${file} has no text`, [
      { code: 'INGEST_EMPTY_FILE', file, message: 'expected a header row and data rows' },
    ])
  }
  const sep = delim === 'whitespace' ? '\t' : delim
  const first = firstRecord(text, delim === 'whitespace' ? '\t' : delim)
  const hasHeader = mapping.header ?? true
  const headers = hasHeader ? first : first.map((_, i) => String(i + 1))
  const options = (rejects?: string) =>
    [
      q(path),
      `delim=${q(sep)}`,
      `quote='"'`,
      `escape='"'`,
      `header=${hasHeader}`,
      `columns={${headers.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`,
      `auto_detect=false`,
      `skip=0`,
      rejects
        ? `store_rejects=true, rejects_table='${rejects}', rejects_scan='${rejects}_scan'`
        : '',
    ]
      .filter((s) => s !== '')
      .join(', ')
  return {
    file,
    format: 'csv',
    encoding,
    headers,
    relation: `read_csv(${options()})`,
    lineColumn: undefined,
    headerLines: hasHeader ? 1 : 0,
    textLines: true,
    async structuralIssues(engine) {
      const t = `clientele_rejects_${Math.random().toString(36).slice(2)}`
      await engine.run(`SELECT count(*) FROM read_csv(${options(t)})`)
      const rows = await engine.all<{
        line: number
        error_type: string
        error_message: string
        csv_line: string
      }>(`SELECT line, error_type, error_message, csv_line FROM ${t} ORDER BY line`)
      await engine.run(`DROP TABLE IF EXISTS ${t}; DROP TABLE IF EXISTS ${t}_scan`)
      return rows.map((r) => ({
        code: 'INGEST_BAD_ROW' as const,
        file,
        line: Number(r.line),
        message: `${r.error_type.toLowerCase()}: ${r.error_message}`,
        value: r.csv_line.length > 80 ? `${r.csv_line.slice(0, 77)}...` : r.csv_line,
      }))
    },
    cleanup,
  }
}

async function openXlsx(
  _engine: Engine,
  file: string,
  mapping: Mapping,
  tmp: string,
  cleanup: () => void,
): Promise<OpenedSource> {
  const path = join(tmp, `${basename(file)}.csv`)
  const { headers } = await xlsxToCsv(file, path, mapping.sheet)
  if (headers.length === 0) {
    throw new IngestError('INGEST_EMPTY_FILE', `${file} has an empty sheet`, [
      { code: 'INGEST_EMPTY_FILE', file, message: 'expected a header row and data rows' },
    ])
  }
  const cols = [...headers.map((_, i) => `'c${i}': 'VARCHAR'`), `'__line': 'BIGINT'`]
  const relation = `read_csv(${q(path)}, delim=',', quote='"', escape='"', header=false, auto_detect=false, columns={${cols.join(', ')}})`
  return {
    file,
    format: 'xlsx',
    encoding: 'binary',
    headers,
    relation,
    lineColumn: '__line',
    headerLines: 1,
    textLines: false,
    structuralIssues: async () => [],
    cleanup,
  }
}

async function openTyped(
  engine: Engine,
  file: string,
  format: 'parquet' | 'json',
  cleanup: () => void,
): Promise<OpenedSource> {
  const reader =
    format === 'parquet'
      ? `read_parquet(${q(file)})`
      : `read_json_auto(${q(file)}, format='auto', sample_size=-1)`
  let described: { column_name: string }[]
  try {
    described = await engine.all(`DESCRIBE SELECT * FROM ${reader}`)
  } catch (e) {
    const reason =
      e instanceof Error ? e.message.replace(/^DuckDB: /, '').split('\n')[0]! : String(e)
    throw new IngestError('INGEST_BAD_ROW', `${file} is not a readable ${format} file`, [
      { code: 'INGEST_BAD_ROW', file, message: reason },
    ])
  }
  const headers = described.map((d) => d.column_name)
  const select = headers.map(
    (h, i) => `CAST(${engine.dialect.quoteIdentifier(h)} AS VARCHAR) AS c${i}`,
  )
  return {
    file,
    format,
    encoding: 'binary',
    headers,
    relation: `(SELECT ${select.join(', ')} FROM ${reader})`,
    lineColumn: undefined,
    headerLines: 0,
    textLines: format === 'json' && /\.(ndjson|jsonl)$/i.test(file),
    structuralIssues: async () => [],
    cleanup,
  }
}
