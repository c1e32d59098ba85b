/**
 * The data use cases: import files, report their quality, describe the store. Each is one
 * function that the CLI, the server and tests call alike.
 */
import type { Engine } from '../engine/index.js'
import {
  ensureStore,
  importFiles,
  loadMapping,
  qualityReport,
  type ImportResult,
  type Mapping,
  type QualityReport,
} from '../ingest/index.js'
import type { TableKind } from '../schema/index.js'
import { withStore } from './store.js'

export interface ImportDataOptions {
  readonly store?: string
  readonly files: readonly string[]
  readonly kind?: TableKind
  /** Path of a mapping file (YAML or JSON). */
  readonly mapping?: string
  /** Overrides of the mapping file's settings. */
  readonly encoding?: Mapping['encoding']
  readonly dateOrder?: Mapping['dateOrder']
  readonly sheet?: string
  /** How a file is named in the result, its issues and the imports table; default its path. */
  readonly label?: (file: string) => string
  readonly onProgress?: (event: { file: string; stage: string }) => void
}

export async function importData(options: ImportDataOptions): Promise<ImportResult> {
  const base = options.mapping === undefined ? {} : loadMapping(options.mapping)
  const mapping: Mapping = {
    ...base,
    ...(options.encoding && { encoding: options.encoding }),
    ...(options.dateOrder && { dateOrder: options.dateOrder }),
    ...(options.sheet && { sheet: options.sheet }),
  }
  return withStore(options.store, (engine) =>
    importFiles(engine, options.files, {
      kind: options.kind,
      mapping,
      label: options.label,
      onProgress: options.onProgress,
    }),
  )
}

export async function dataQuality(options: {
  store?: string
  today?: string
}): Promise<QualityReport> {
  return withStore(options.store, (engine) => qualityReport(engine, options.today))
}

export interface StoreStatus {
  readonly store: string
  readonly tables: QualityReport['tables']
  readonly imports: readonly {
    importId: number
    importedAt: string
    file: string
    kind: string
    rowsRead: number
    rowsInserted: number
  }[]
}

export async function storeStatus(options: { store?: string }): Promise<StoreStatus> {
  return withStore(options.store, async (engine: Engine) => {
    await ensureStore(engine)
    const { tables } = await qualityReport(engine)
    const imports = await engine.all(
      `SELECT import_id, imported_at, file, kind, rows_read, rows_inserted FROM imports ORDER BY import_id, file`,
    )
    return {
      store: engine.location,
      tables,
      imports: imports.map((r) => ({
        importId: Number(r.import_id),
        importedAt:
          r.imported_at instanceof Date ? r.imported_at.toISOString() : String(r.imported_at),
        file: String(r.file),
        kind: String(r.kind),
        rowsRead: Number(r.rows_read),
        rowsInserted: Number(r.rows_inserted),
      })),
    }
  })
}
