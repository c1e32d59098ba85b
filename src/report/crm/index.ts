export {
  CRM_FIELDS,
  CRM_OBJECTS,
  CRM_TARGETS,
  crmColumns,
  type CrmColumn,
  type CrmField,
  type CrmObject,
  type CrmTarget,
} from './formats.js'
export { crmValue, writeCrmCsv, type CrmCsvOptions, type CrmRecord } from './crm-csv.js'
export { ROLES, canSeeContacts, maskEmail, maskName, maskPhone, type Role } from './mask.js'
export {
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  deliverBatch,
  retryAfterMs,
  signBody,
  verifySignature,
  type AttemptReport,
  type DeliveryOptions,
  type DeliveryOutcome,
} from './webhook.js'
