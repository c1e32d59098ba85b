export {
  generateDataset,
  WORKBOOK_NAME,
  type GenerateResult,
  type GeneratedFile,
} from './generate.js'
export {
  GENERATED_TABLES,
  type CsvEncoding,
  type DataFormat,
  type GenerateOptions,
  type GeneratedTable,
  type Lang,
  type MoveOptions,
} from './options.js'
export type { PurchaseParams, SpendParams } from './process.js'
export type { OrderCounts } from './order-rows.js'
