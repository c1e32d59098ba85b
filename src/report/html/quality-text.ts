/**
 * Chinese wording of the data quality report's checks and actions, which `ingest/quality.ts`
 * words in English. A check not listed here (a new one) is shown in English until it is added.
 */
import type { Lang } from './types.js'

const ZH: Readonly<Record<string, string>> = {
  'orders without a customer record (orphan ids)': '订单的客户编号在客户表中不存在',
  'kept and analysed; import the customers file to add names, regions and managers':
    '保留并参与分析；导入客户档案可补充名称、地区和客户经理',
  'customers with no orders': '没有订单的客户',
  'kept; they have no transaction value and are tiered as such':
    '保留；这些客户没有交易价值，按此分级',
  'negative amounts (refunds)': '负金额（退款）',
  'counted as refunds: they reduce the customer’s net value': '按退款处理：冲减客户的净价值',
  'zero amounts': '零金额订单',
  'kept as orders of no value; they count for frequency and recency':
    '按无金额订单保留；计入购买频次和最近购买',
  'outlying amounts (above Q3 + 3 × IQR)': '异常大额订单（高于 Q3 + 3 × IQR）',
  'kept; check them — one large order can move a customer to the top tier':
    '保留；请核实——一笔大额订单就可能把客户推到最高等级',
  'future dates': '未来日期',
  'kept; an analysis only counts rows dated before its as-of date':
    '保留；分析只计入评估日之前的记录',
  'cancelled orders': '已取消订单',
  'kept but not counted as purchases': '保留，但不计为购买',
  'one order id used by several customers': '同一订单编号属于多个客户',
  'kept; check the export — an order normally belongs to one customer':
    '保留；请检查导出数据——一张订单通常只属于一个客户',
  'mixed currencies': '多种币种',
  'amounts are not converted: analyse one currency at a time or convert before importing':
    '金额未做换算：请按币种分别分析，或在导入前统一换算',
  'customers missing a name': '缺少名称的客户',
  'kept; reports show the customer id instead': '保留；报告中以客户编号代替',
  'duplicate rows in imported files': '导入文件中的重复行',
  'folded into one row each (same order id and content, or same customer id)':
    '已合并为一行（订单编号和内容相同，或客户编号相同）',
}

/** A quality check or action in `lang`; English text is returned as is. */
export function qualityText(text: string, lang: Lang): string {
  return lang === 'zh' ? (ZH[text] ?? text) : text
}

const TABLES: Readonly<Record<string, string>> = {
  customers: '客户档案',
  transactions: '订单',
  interactions: '接触记录',
  feedback: '客户反馈',
  surveys: '问卷',
  campaigns: '营销活动',
}

/** A store table's name for readers. */
export function tableName(table: string, lang: Lang): string {
  return lang === 'zh' ? (TABLES[table] ?? table) : table
}
