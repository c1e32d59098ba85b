export { IngestError, MAX_ISSUES } from './ingest-error.js'
export { detectEncoding, type TextEncoding } from './encoding.js'
export { detectKind, matchHeaders, normaliseHeader, type HeaderMatch } from './headers.js'
export { loadMapping, MAPPING_SCHEMA, type Mapping } from './mapping.js'
export { formatOf, openSource, type OpenedSource, type SourceFormat } from './sources.js'
export { ensureStore, STORE_VERSION } from './store.js'
export {
  importFiles,
  type ImportedFile,
  type ImportOptions,
  type ImportResult,
} from './import-files.js'
export {
  qualityReport,
  type QualityFinding,
  type QualityReport,
  type Severity,
  type TableSummary,
} from './quality.js'
export { readSummaryFile } from './summary-file.js'
export {
  GENERATED_TABLES,
  WORKBOOK_NAME,
  generateDataset,
  type CsvEncoding,
  type DataFormat,
  type GenerateOptions,
  type GenerateResult,
  type GeneratedTable,
  type MoveOptions,
} from './generate/index.js'
export {
  QUESTIONNAIRE_CHUNK,
  QUESTIONNAIRE_FORMAT,
  QUESTIONNAIRE_SHEET,
  parseQuestionnaireLayout,
  type QuestionnaireColumn,
  type QuestionnaireKind,
  type QuestionnaireLayout,
} from './questionnaire.js'
export { columnLetters, XlsxWriter, type XlsxCell, type XlsxListValidation } from './xlsx-stream.js'
