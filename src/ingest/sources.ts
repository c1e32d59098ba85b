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
import {
  firstRecord,
  headText,
  linesAt,
  physicalLines,
  sniffDelimiter,
  type Delimiter,
} from './csv-sniff.js'
import {
  badBytes,
  convertToUtf8,
  detectEncoding,
  normaliseEncoding,
  type TextEncoding,
} from './encoding.js'
import { IngestError } from './ingest-error.js'
import type { Mapping } from './mapping.js'
import { parseQuestionnaireLayout, questionnaireSource } from './questionnaire.js'
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
  /**
   * An SQL expression for a row's 1-based record number, when the relation is a table that
   * keeps the file's order (far cheaper than `row_number() OVER ()`, which serialises a scan).
   */
  readonly recordNumber?: string | undefined
  /** Lines before the first data row (the header), to turn record numbers into lines. */
  readonly headerLines: number
  /** Whether records are lines of text (CSV, NDJSON) rather than rows of a sheet or table. */
  readonly textLines: boolean
  /**
   * Problems with the file's structure (ragged rows, bad quoting, bytes that are not text),
   * by line. Call it before using `relation`: a CSV learns here whether it needs `__line`,
   * and reads the file once into a temporary table that every later scan uses.
   */
  structuralIssues(engine: Engine): Promise<Issue[]>
  /** Drops what `structuralIssues` kept in the engine. */
  release?(engine: Engine): Promise<void>
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

const shorten = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}...` : s)

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
  // DuckDB would take a leading blank line for the header row.
  const skip = /^(?:[^\S\n]*\n)*/.exec(text)![0].split('\n').length - 1
  if (path === file && first.some((h) => h.includes('\uFFFD'))) {
    throw new IngestError('INGEST_BAD_ENCODING', `${file} is not valid ${encoding} text`, [
      { code: 'INGEST_BAD_ENCODING', file, line: skip + 1, message: badBytes(encoding) },
    ])
  }
  const hasHeader = mapping.header ?? true
  const headers = hasHeader ? first : first.map((_, i) => String(i + 1))
  const headerLines = skip + (hasHeader ? 1 : 0)
  const options = (rejects?: string) =>
    [
      q(path),
      `delim=${q(sep)}`,
      `quote='"'`,
      `escape='"'`,
      `header=${hasHeader}`,
      `columns={${headers.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ')}}`,
      `auto_detect=false`,
      `skip=${skip}`,
      rejects
        ? `store_rejects=true, rejects_table='${rejects}', rejects_scan='${rejects}_scan'`
        : '',
    ]
      .filter((s) => s !== '')
      .join(', ')
  const plain = `read_csv(${options()})`
  // DuckDB numbers records, not lines. When quoted fields hold newlines (structuralIssues
  // finds out), a record's line also counts those of the records before it. Blank lines
  // between records are skipped by DuckDB and not counted.
  const all = `concat(${headers.map((_, i) => `c${i}`).join(', ')})`
  const newlines = `CASE WHEN contains(${all}, chr(10)) THEN length(${all}) - length(replace(${all}, chr(10), '')) ELSE 0 END`
  // The records of a table kept in file order, numbered by rowid.
  const numbered = (from: string) =>
    `(SELECT * EXCLUDE (__nl, __rec), CAST(__rec + ${headerLines} + sum(__nl) OVER (ORDER BY __rec ROWS UNBOUNDED PRECEDING) - __nl AS BIGINT) AS __line
    FROM (SELECT *, rowid + 1 AS __rec, ${newlines} AS __nl FROM ${from}))`
  let multiline = false
  // What later passes read: the file until structuralIssues has read it, in file order,
  // into a temporary table (its rowid numbers the records, and scans run in parallel);
  // then that table. DuckDB spills it to disk when it outgrows the memory limit.
  let relation = plain
  let table: string | undefined
  const id = Math.random().toString(36).slice(2)
  return {
    file,
    format: 'csv',
    encoding,
    headers,
    get relation() {
      return relation
    },
    get lineColumn() {
      return multiline ? '__line' : undefined
    },
    get recordNumber() {
      return table === undefined || multiline ? undefined : '(rowid + 1)'
    },
    headerLines,
    textLines: true,
    async structuralIssues(engine) {
      const t = `clientele_rejects_${id}`
      const raw = `clientele_source_${id}`
      // Every column is read, so that bytes invalid in UTF-8 are found in any of them.
      await engine.run(
        `CREATE OR REPLACE TEMP TABLE ${raw} AS SELECT * FROM read_csv(${options(t)})`,
      )
      // A file of exactly as many lines as header lines and records has no record spanning
      // lines (nor blank lines, nor line breaks other than LF and CRLF): only otherwise is
      // every value scanned for a line feed.
      const [{ records }] = (await engine.all(`SELECT count(*) AS records FROM ${raw}`)) as [
        { records: number },
      ]
      if (physicalLines(path) !== headerLines + Number(records)) {
        const [found] = await engine.all(
          `SELECT count(*) FILTER (WHERE contains(${all}, chr(10))) AS multiline FROM ${raw}`,
        )
        multiline = Number(found!.multiline) > 0
      }
      const rows = await engine.all<{
        pos: number
        error_type: string
        error_message: string
        csv_line: string
      }>(
        `SELECT line_byte_position AS pos, error_type, error_message, csv_line FROM ${t} ORDER BY line, column_idx`,
      )
      await engine.run(`DROP TABLE IF EXISTS ${t}; DROP TABLE IF EXISTS ${t}_scan`)
      if (rows.length > 0) await engine.run(`DROP TABLE ${raw}`)
      else if (multiline) {
        await engine.run(
          `CREATE OR REPLACE TEMP TABLE ${raw}_lines AS SELECT * FROM ${numbered(raw)} ORDER BY __line`,
        )
        await engine.run(`DROP TABLE ${raw}`)
        relation = table = `${raw}_lines`
      } else relation = table = raw
      // One issue per record: DuckDB reports a short row once per missing column.
      const seen = new Set<number>()
      const first = rows.filter((r) => !seen.has(Number(r.pos)) && !!seen.add(Number(r.pos)))
      const lines = linesAt(
        path,
        first.map((r) => Number(r.pos)),
      )
      return first.map((r, k) => {
        const encodingError = r.error_type === 'INVALID ENCODING'
        return {
          code: encodingError ? 'INGEST_BAD_ENCODING' : 'INGEST_BAD_ROW',
          file,
          line: lines[k]!,
          message: encodingError
            ? badBytes('utf8')
            : `${r.error_type.toLowerCase()}: ${r.error_message}`,
          value: shorten(r.csv_line.replace(/^[\r\n]+|[\r\n]+$/g, '')),
        }
      })
    },
    async release(engine) {
      if (table !== undefined) await engine.run(`DROP TABLE IF EXISTS ${table}`)
      table = undefined
    },
    cleanup,
  }
}

async function openXlsx(
  engine: Engine,
  file: string,
  mapping: Mapping,
  tmp: string,
  cleanup: () => void,
): Promise<OpenedSource> {
  const path = join(tmp, `${basename(file)}.csv`)
  let read = await xlsxToCsv(file, path, mapping.sheet)
  const layout = read.questionnaire && parseQuestionnaireLayout(file, read.questionnaire)
  if (layout && mapping.sheet === undefined && read.sheet !== layout.sheet)
    read = await xlsxToCsv(file, path, layout.sheet)
  const { headers, ragged } = read
  if (headers.length === 0) {
    throw new IngestError('INGEST_EMPTY_FILE', `${file} has an empty sheet`, [
      { code: 'INGEST_EMPTY_FILE', file, message: 'expected a header row and data rows' },
    ])
  }
  const cols = [...headers.map((_, i) => `'c${i}': 'VARCHAR'`), `'__line': 'BIGINT'`]
  const relation = `read_csv(${q(path)}, delim=',', quote='"', escape='"', header=false, auto_detect=false, columns={${cols.join(', ')}})`
  const source: OpenedSource = {
    file,
    format: 'xlsx',
    encoding: 'binary',
    headers,
    relation,
    lineColumn: '__line',
    headerLines: 1,
    textLines: false,
    structuralIssues: async () =>
      ragged.map(({ row, found }) => ({
        code: 'INGEST_BAD_ROW' as const,
        file,
        line: row,
        message: `too many columns: Expected Number of Columns: ${headers.length} Found: ${found}`,
      })),
    cleanup,
  }
  return layout && read.sheet === layout.sheet
    ? questionnaireSource(engine, source, layout)
    : source
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
  let described: { column_name: string; column_type: string }[]
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
  // A JSON key holding both numbers and strings has type JSON, whose text keeps the quotes.
  const select = described.map(({ column_name: h, column_type: type }, i) => {
    const id = engine.dialect.quoteIdentifier(h)
    return type === 'JSON'
      ? `json_extract_string(${id}, '$') AS c${i}`
      : `CAST(${id} AS VARCHAR) AS c${i}`
  })
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
