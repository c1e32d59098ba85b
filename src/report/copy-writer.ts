/**
 * Files the engine writes itself with `COPY … TO`: the CSV and Parquet copies of the analysis
 * table and the actions CSV. DuckDB's writers stream to disk, so 10^7 rows cost no memory in
 * Node; several files are written at once, each by one thread (`copyFiles`). Each file is
 * written beside its final name and renamed into place, so an interrupted export never
 * leaves a half file under the real name.
 */
import { rename, rm } from 'node:fs/promises'
import type { Engine } from '../engine/index.js'
import { selectList, type SelectItem } from './table-source.js'

export interface CopySource {
  /** The output columns in order. */
  readonly select: readonly SelectItem[]
  /** A table name or parenthesised query. */
  readonly from: string
  /** `ORDER BY` terms, or empty. */
  readonly orderBy: string
}

const BOM = '\uFEFF'

/** One file for `copyFiles`. */
export interface CopyFile {
  readonly source: CopySource
  readonly path: string
  /**
   * CSV is UTF-8 with a byte-order mark (so Excel reads Chinese correctly) and a header of
   * the column names; Parquet is compressed with zstd.
   */
  readonly format: 'csv' | 'parquet'
}

/** Writes `source` as CSV (see `CopyFile`); resolves to the data rows written. */
export async function copyCsv(engine: Engine, source: CopySource, path: string): Promise<number> {
  const [rows] = await copyFiles(engine, [{ source, path, format: 'csv' }])
  return rows!
}

/** Writes `source` as Parquet (zstd); resolves to the rows written. */
export async function copyParquet(
  engine: Engine,
  source: CopySource,
  path: string,
): Promise<number> {
  const [rows] = await copyFiles(engine, [{ source, path, format: 'parquet' }])
  return rows!
}

/**
 * Writes `files` at the same time, each by one DuckDB thread (see `oneThread`): the first
 * on `engine`, the others on sessions of their own, which see the store's committed tables
 * only. Each file is written whole or not at all; when one fails, the others are still
 * waited for, then the first error is thrown. Resolves to the rows written to each, calling
 * `onWritten` as each is done. Measured at 10^7 orders (the analysis table of 1.3 M rows, its
 * Parquet and CSV files and the actions CSV, each on its own connection): 11.7 s one after
 * another, 7.1–8.5 s at once, peak RSS ~380 MB and ~400 MB.
 */
export async function copyFiles(
  engine: Engine,
  files: readonly CopyFile[],
  onWritten: (index: number, rows: number) => void = () => undefined,
): Promise<number[]> {
  const sessions: Engine[] = []
  try {
    for (let i = 1; i < files.length; i++) sessions.push(await engine.session())
    return await oneThread(engine, async () => {
      const settled = await Promise.allSettled(
        files.map(async (file, i) => {
          const rows = await copy(i === 0 ? engine : sessions[i - 1]!, file)
          onWritten(i, rows)
          return rows
        }),
      )
      const failed = settled.find((s) => s.status === 'rejected')
      if (failed !== undefined) throw failed.reason
      return settled.map((s) => (s as PromiseFulfilledResult<number>).value)
    })
  } finally {
    for (const s of sessions) await s.close()
  }
}

async function copy(engine: Engine, { source, path, format }: CopyFile): Promise<number> {
  // DuckDB writes no BOM of its own. Prefixing the first header name with U+FEFF makes the
  // file's first bytes EF BB BF, exactly a BOM, without copying a multi-gigabyte file again
  // to prepend it. The test reads the bytes back; DuckDB quotes a header only for `,` `"` or
  // a line break, none of which a BOM is.
  const select =
    format === 'csv'
      ? source.select.map((c, i) => (i === 0 ? { ...c, name: BOM + c.name } : c))
      : source.select
  const options =
    format === 'csv' ? `FORMAT csv, HEADER, DELIMITER ','` : 'FORMAT parquet, COMPRESSION zstd'
  const part = `${path}.part`
  const order = source.orderBy === '' ? '' : ` ORDER BY ${source.orderBy}`
  try {
    const rows = await engine.run(
      `COPY (SELECT ${selectList(engine, select)} FROM ${source.from}${order})
       TO ${engine.dialect.quoteString(part)} (${options})`,
    )
    await rename(part, path)
    return rows
  } catch (e) {
    await rm(part, { force: true })
    throw e
  }
}

/**
 * Runs `work` with DuckDB on one thread. The files keep the rows' order, and DuckDB's
 * parallel writers hold each finished batch until those before it are written: under the
 * store's memory limit that waiting cost more than a second thread gained. Measured on 2
 * cores for the 10^7-order analysis table (1.3 M rows, 67 columns), 1 GB limit: CSV 9.5 s
 * and 730 MB on two threads, 5.6 s and 200 MB on one; Parquet 5.4 s and 4.4 s; the CSV
 * sorted by customer 13.5 s and 11.8 s. The setting is the database's, not the session's:
 * it holds for every file of a `copyFiles` call, and is restored once after all of them.
 */
async function oneThread<T>(engine: Engine, work: () => Promise<T>): Promise<T> {
  const [setting] = await engine.all<{ threads: number }>(
    `SELECT current_setting('threads') AS threads`,
  )
  await engine.run('SET threads = 1')
  try {
    return await work()
  } finally {
    await engine.run(`SET threads = ${Number(setting!.threads)}`)
  }
}
