import { describe, expect, it } from 'vitest'
import { ClienteleError, formatIssue } from './errors.js'

describe('errors', () => {
  it('formats an issue with file, line, column and value', () => {
    expect(
      formatIssue({
        code: 'INGEST_BAD_DATE',
        file: 'orders.csv',
        line: 7,
        column: '订单日期',
        value: '2024-13-01',
        message: 'not a date',
      }),
    ).toBe('orders.csv:7 column "订单日期": not a date (value "2024-13-01")')
    expect(formatIssue({ code: 'INGEST_BAD_ROW', file: 'a.parquet', row: 3, message: 'x' })).toBe(
      'a.parquet row 3: x',
    )
    expect(formatIssue({ code: 'POLICY_INVALID', path: 'tiers.0.name', message: 'required' })).toBe(
      'tiers.0.name: required',
    )
  })

  it('describes an error with its issues and how many were left out', () => {
    const e = new ClienteleError('INGEST_INVALID', 'orders.csv cannot be imported', {
      issues: [{ code: 'INGEST_BAD_DATE', line: 2, message: 'not a date' }],
      totalIssues: 5,
    })
    expect(e.describe()).toBe('orders.csv cannot be imported\n  line 2: not a date\n  … and 4 more')
    expect(e.code).toBe('INGEST_INVALID')
    expect(e.name).toBe('ClienteleError')
  })
})
