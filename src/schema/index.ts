export {
  ClienteleError,
  formatIssue,
  isClienteleError,
  type ClienteleErrorOptions,
  type ErrorCode,
  type Issue,
} from './errors.js'
export {
  ORDER_STATUSES,
  STATUS_WORDS,
  ROW_SCHEMAS,
  TABLES,
  TABLE_KINDS,
  fieldsOf,
  type FieldSpec,
  type FieldType,
  type OrderStatus,
  type TableKind,
} from './tables.js'
