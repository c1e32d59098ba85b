import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  firstRecord,
  headText,
  linesAt,
  physicalLines,
  sniffDelimiter,
  splitRecord,
} from './csv-sniff.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-sniff-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('sniffDelimiter', () => {
  const rows = [
    ['customer_id', 'date', 'amount'],
    ['C1', '2024-01-05', '10'],
    ['C2', '2024-01-06', '20'],
  ]
  it.each([
    [',', ','],
    ['\t', '\t'],
    [';', ';'],
    ['|', '|'],
  ] as const)('finds %j between columns', (sep, expected) => {
    expect(sniffDelimiter(rows.map((r) => r.join(sep)).join('\n'))).toBe(expected)
  })

  it('picks semicolon for European exports whose amounts use a decimal comma', () => {
    expect(sniffDelimiter('customer_id;amount\nC1;1,50\nC2;2,75\nC3;3,00\n')).toBe(';')
  })

  it('ignores delimiters inside quotes', () => {
    const text = 'customer_id;name;city\nC1;"Smith, John";"Paris, FR"\nC2;"Lee, Ann";"Rome, IT"\n'
    expect(sniffDelimiter(text)).toBe(';')
  })

  it('chooses the delimiter most rows agree on, despite a ragged row', () => {
    const text = 'a,b,c\n1,2,3\n4,5\n6,7,8\n9,10,11\n'
    expect(sniffDelimiter(text)).toBe(',')
  })

  it('recognises whitespace-aligned columns like CDNOW_master.txt', () => {
    expect(sniffDelimiter(' 00001 19970101  1   11.77\n 00002 19970112  1   12.00\n')).toBe(
      'whitespace',
    )
  })
})

describe('splitRecord', () => {
  it('keeps delimiters and doubled quotes inside a quoted field and trims the rest', () => {
    expect(splitRecord('C1, "Smith, John" ,"say ""hi""",', ',')).toEqual([
      'C1',
      'Smith, John',
      'say "hi"',
      '',
    ])
  })
})

describe('firstRecord', () => {
  it('skips leading blank lines and splits whitespace-aligned headers', () => {
    expect(firstRecord('\n\n  customer_id  date   amount\n1 2 3\n', 'whitespace')).toEqual([
      'customer_id',
      'date',
      'amount',
    ])
  })
})

describe('headText', () => {
  it('drops the BOM and cuts the sample at the last whole line', () => {
    const path = join(dir, 'long.csv')
    writeFileSync(path, `\uFEFFa,b\n${'1,2\n'.repeat(10)}3,4`)
    expect(headText(path)).toBe(`a,b\n${'1,2\n'.repeat(10)}3,4`)
    expect(headText(path, 19)).toBe('a,b\n1,2\n1,2\n1,2\n')
  })
})

describe('linesAt', () => {
  it('gives the line of byte offsets in any order, across read chunks and past the end', () => {
    const path = join(dir, 'lines.txt')
    const text = Array.from({ length: 150_000 }, (_, i) => `row ${i}`).join('\n')
    writeFileSync(path, text)
    const naive = (at: number) => text.slice(0, at).split('\n').length
    const offsets = [text.length - 3, 0, 7, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, text.length + 10]
    expect(linesAt(path, offsets)).toEqual(offsets.map((at) => naive(Math.min(at, text.length))))
  })
})

describe('physicalLines', () => {
  const lines = (name: string, text: string) => {
    const path = join(dir, name)
    writeFileSync(path, text)
    return physicalLines(path)
  }

  it('counts a last line with or without its line feed, CRLF as one break, and nothing in an empty file', () => {
    expect(lines('empty.csv', '')).toBe(0)
    expect(lines('one.csv', 'a,b')).toBe(1)
    expect(lines('one-lf.csv', 'a,b\n')).toBe(1)
    expect(lines('crlf.csv', 'a,b\r\n1,2\r\n3,4')).toBe(3)
    expect(lines('blank.csv', 'a,b\n\n1,2\n')).toBe(3)
  })

  it('counts across read chunks', () => {
    const text = Array.from({ length: 150_000 }, (_, i) => `row ${i}`).join('\n') + '\n'
    expect(lines('many.csv', text)).toBe(150_000)
  })
})
