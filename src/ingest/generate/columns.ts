/**
 * The columns of each generated table, with the Chinese and English header written for
 * each. Every header is one of the synonyms `schema/tables.ts` lists for the field (a test
 * checks), so the importer maps the files without a mapping file.
 */
import type { TableKind } from '../../schema/index.js'
import type { GeneratedTable } from './options.js'

/**
 * How a value is written: `code` and `date` as they are (never quoted; dates are
 * `YYYY-MM-DD` strings), `text` quoted when needed, `money` with two decimals, `int` whole.
 */
export type ColumnKind = 'code' | 'text' | 'date' | 'money' | 'int'

export interface Column {
  /** The canonical field name in `schema/tables.ts`. */
  readonly field: string
  readonly kind: ColumnKind
  readonly zh: string
  readonly en: string
}

const col = (field: string, kind: ColumnKind, zh: string, en: string): Column => ({
  field,
  kind,
  zh,
  en,
})

const customerId = col('customer_id', 'code', '客户编号', 'customer_id')

export const COLUMNS: Readonly<Record<GeneratedTable, readonly Column[]>> = {
  customers: [
    customerId,
    col('name', 'text', '客户名称', 'name'),
    col('company', 'text', '公司名称', 'company'),
    col('phone', 'code', '手机号', 'phone'),
    col('email', 'text', '邮箱', 'email'),
    col('region', 'code', '地区', 'region'),
    col('province', 'code', '省份', 'province'),
    col('city', 'text', '城市', 'city'),
    col('industry', 'code', '行业', 'industry'),
    col('size', 'code', '规模', 'company_size'),
    col('type', 'code', '客户类型', 'customer_type'),
    col('account_manager', 'text', '客户经理', 'account_manager'),
    col('acquisition_channel', 'code', '获客渠道', 'acquisition_channel'),
    col('created_at', 'date', '建档日期', 'created_at'),
  ],
  orders: [
    col('order_id', 'code', '订单编号', 'order_id'),
    customerId,
    col('date', 'date', '订单日期', 'order_date'),
    col('amount', 'money', '实付金额', 'amount'),
    col('profit', 'money', '利润', 'profit'),
    col('quantity', 'int', '数量', 'quantity'),
    col('product', 'code', '商品名称', 'product'),
    col('category', 'code', '品类', 'category'),
    col('channel', 'code', '销售渠道', 'sales_channel'),
    col('status', 'code', '订单状态', 'status'),
    col('currency', 'code', '币种', 'currency'),
  ],
  interactions: [
    customerId,
    col('date', 'date', '接触日期', 'contact_date'),
    col('type', 'code', '接触方式', 'interaction_type'),
    col('channel', 'code', '渠道', 'channel'),
    col('outcome', 'code', '结果', 'outcome'),
  ],
  feedback: [
    customerId,
    col('date', 'date', '反馈日期', 'feedback_date'),
    col('kind', 'code', '反馈类型', 'feedback_type'),
    col('area', 'code', '服务方面', 'service_area'),
    col('score', 'int', '评分', 'score'),
    col('text', 'text', '内容', 'comment'),
  ],
  surveys: [
    col('customer_id', 'code', '受访者编号', 'respondent_id'),
    col('feature', 'code', '功能', 'feature'),
    col('functional', 'code', '正向回答', 'functional'),
    col('dysfunctional', 'code', '反向回答', 'dysfunctional'),
    col('importance', 'int', '重要程度', 'importance'),
    col('date', 'date', '调查日期', 'survey_date'),
  ],
  campaigns: [
    col('campaign_id', 'code', '活动编号', 'campaign_id'),
    customerId,
    col('date', 'date', '活动日期', 'campaign_date'),
    col('exposed', 'int', '是否触达', 'exposed'),
    col('converted', 'int', '是否转化', 'converted'),
    col('cost', 'money', '成本', 'cost'),
  ],
}

/** The schema table each generated table loads into. */
export const SCHEMA_KIND: Readonly<Record<GeneratedTable, TableKind>> = {
  customers: 'customers',
  orders: 'transactions',
  interactions: 'interactions',
  feedback: 'feedback',
  surveys: 'surveys',
  campaigns: 'campaigns',
}

/** The ground truth of each customer, for tests; always English headers and UTF-8. */
export const TRUTH_COLUMNS: readonly Column[] = [
  col('customer_id', 'code', 'customer_id', 'customer_id'),
  col('type', 'code', 'type', 'type'),
  col('lambda', 'code', 'lambda_per_day', 'lambda_per_day'),
  col('dropout', 'code', 'p_dropout', 'p_dropout'),
  col('mean_spend', 'money', 'mean_order_value', 'mean_order_value'),
  col('first_purchase', 'date', 'first_purchase', 'first_purchase'),
  col('purchases', 'int', 'purchases', 'purchases'),
  col('alive', 'int', 'alive_at_end', 'alive_at_end'),
  col('dropout_date', 'date', 'dropout_date', 'dropout_date'),
  col('moved', 'int', 'moved', 'moved'),
]

export function headers(columns: readonly Column[], lang: 'zh' | 'en'): string[] {
  return columns.map((c) => c[lang])
}
