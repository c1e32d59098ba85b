import { describe, expect, it } from 'vitest'
import { detectKind, duplicateHeaders, matchHeaders, normaliseHeader } from './headers.js'

const fieldsOf = (kind: Parameters<typeof matchHeaders>[0], headers: string[]) =>
  Object.fromEntries(matchHeaders(kind, headers).fields)

describe('normaliseHeader', () => {
  it.each([
    [' Customer_ID (客户) ', 'customerid'],
    ['ＣＵＳＴＯＭＥＲ　ＩＤ', 'customerid'],
    ['Amount (USD)', 'amount'],
    ['Amount [USD]', 'amount'],
    ['金额【元】', '金额'],
    ['order-date', 'orderdate'],
    ['Cust.ID#', 'custid'],
  ])('reduces %j to %j (case, width, separators and bracketed units do not count)', (h, out) => {
    expect(normaliseHeader(h)).toBe(out)
  })
})

describe('matchHeaders', () => {
  it('matches the Chinese headers of a shop export to order fields', () => {
    expect(fieldsOf('transactions', ['客户编号', '下单时间', '实付金额', '利润'])).toEqual({
      customer_id: 0,
      date: 1,
      amount: 2,
      profit: 3,
    })
    expect(fieldsOf('transactions', ['客户ID', '销售额', '下单时间'])).toEqual({
      customer_id: 0,
      amount: 1,
      date: 2,
    })
  })

  it('matches the Chinese headers of a B2B customer list', () => {
    expect(fieldsOf('customers', ['客户编号', '客户名称', '行业', '客户经理'])).toEqual({
      customer_id: 0,
      name: 1,
      industry: 2,
      account_manager: 3,
    })
  })

  it('matches English spellings from common exports (Online Retail, CDNOW, CRMs)', () => {
    expect(fieldsOf('transactions', ['CustomerID', 'InvoiceDate', 'Amount (USD)'])).toEqual({
      customer_id: 0,
      date: 1,
      amount: 2,
    })
    expect(fieldsOf('transactions', ['cust_id', 'order_date', 'revenue'])).toEqual({
      customer_id: 0,
      date: 1,
      amount: 2,
    })
  })

  it('ignores case, inner spaces and full-width letters', () => {
    expect(fieldsOf('transactions', ['  CUSTOMER  ID ', 'Ｏｒｄｅｒ　Ｄａｔｅ', 'AMOUNT'])).toEqual(
      {
        customer_id: 0,
        date: 1,
        amount: 2,
      },
    )
  })

  it('prefers the canonical name over a looser synonym, keeping the other as an attribute', () => {
    const m = matchHeaders('transactions', ['id', 'customer_id', 'date', 'total', 'amount'])
    expect(Object.fromEntries(m.fields)).toEqual({ customer_id: 1, date: 2, amount: 4 })
    expect(m.attributes).toEqual([0, 3])
    expect(m.missing).toEqual([])
  })

  it('lets an explicit mapping win over header matching and keeps the displaced column', () => {
    const m = matchHeaders(
      'transactions',
      ['customer_id', 'date', 'amount', 'net'],
      new Map([['amount', 3]]),
    )
    expect(Object.fromEntries(m.fields)).toEqual({ amount: 3, customer_id: 0, date: 1 })
    expect(m.attributes).toEqual([2])
  })

  it('lists the required fields that no header matches', () => {
    expect(matchHeaders('transactions', ['客户编号', '备注']).missing).toEqual(['date', 'amount'])
  })
})

describe('detectKind', () => {
  const kindOf = (headers: string[], file = '') => detectKind(headers, file)?.kind

  it.each([
    [['客户编号', '下单时间', '实付金额'], 'transactions'],
    [['客户编号', '客户名称', '行业', '客户经理'], 'customers'],
    [['客户编号', '日期', '评分', '类型', '内容'], 'feedback'],
    [['customer_id', 'contact_date', 'interaction_type', 'outcome'], 'interactions'],
    [['respondent', 'feature', 'functional', 'dysfunctional'], 'surveys'],
    [['活动编号', '客户编号', '发送日期', '是否转化'], 'campaigns'],
    [['customer_id', 'name', 'amount'], 'customers'],
  ] as const)('tells %j holds %s from the headers alone', (headers, kind) => {
    expect(kindOf([...headers])).toBe(kind)
  })

  it('uses the file name only to break a tie between kinds that fit equally well', () => {
    const headers = ['customer_id', 'date', 'type']
    expect(kindOf(headers, 'feedback-2024.csv')).toBe('feedback')
    expect(kindOf(headers, 'visits.csv')).toBe('interactions')
    // A misleading name does not beat headers that fit one kind better.
    expect(kindOf(['客户编号', '下单时间', '实付金额'], 'customers.csv')).toBe('transactions')
  })

  it('gives undefined when no kind has all its required columns', () => {
    expect(detectKind(['foo', 'bar'], 'orders.csv')).toBeUndefined()
  })
})

describe('duplicateHeaders', () => {
  it('finds a repeated header with each position', () => {
    expect(duplicateHeaders(['customer_id', 'amount', 'date', 'amount'])).toEqual([
      { name: 'amount', columns: [1, 3] },
    ])
  })

  it('counts headers equal but for case, width or surrounding spaces as repeats', () => {
    expect(duplicateHeaders(['Amount', 'date', ' ＡＭＯＵＮＴ '])).toEqual([
      { name: 'Amount', columns: [0, 2] },
    ])
  })

  it('does not count empty headers as repeats (spreadsheets export trailing empty columns)', () => {
    expect(duplicateHeaders(['customer_id', 'amount', '', ' '])).toEqual([])
  })

  it('does not count different units of the same field as repeats', () => {
    expect(duplicateHeaders(['Amount (USD)', 'Amount (CNY)', 'customer_id'])).toEqual([])
  })
})
