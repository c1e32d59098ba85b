import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { writeGbk } from './gbk.js'
import { CsvWriter, NdjsonWriter, money } from './writers.js'

const dir = mkdtempSync(join(tmpdir(), 'generate-writers-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('CsvWriter', () => {
  it('quotes text with commas, quotes or line breaks, writes money with two decimals and nulls as empty', async () => {
    const path = join(dir, 'a.csv')
    const writer = new CsvWriter(
      path,
      ['id', 'name', 'amount', 'n'],
      ['code', 'text', 'money', 'int'],
      'utf8',
    )
    writer.push(['C1', 'Hangzhou Huaxin Co., Ltd.', 12.5, 3])
    writer.push(['C2', 'say "hi"\nthere', -0.001, null])
    writer.push(['C3', null, 1234567.891, 0])
    await writer.close()
    expect(readFileSync(path, 'utf8')).toBe(
      'id,name,amount,n\n' +
        'C1,"Hangzhou Huaxin Co., Ltd.",12.50,3\n' +
        'C2,"say ""hi""\nthere",0.00,\n' +
        'C3,,1234567.89,0\n',
    )
  })

  it('writes GBK bytes identical to iconv-lite, for many chunks', async () => {
    const path = join(dir, 'b.csv')
    const writer = new CsvWriter(path, ['客户编号', '内容'], ['code', 'text'], 'gbk')
    let expected = '客户编号,内容\n'
    for (let i = 0; i < 60_000; i++) {
      writer.push([`C${i}`, `杭州华信科技有限公司，已完成 ${i}`])
      expected += `C${i},杭州华信科技有限公司，已完成 ${i}\n`
      if (writer.pending > 1 << 16) await writer.flush()
    }
    await writer.close()
    expect(readFileSync(path).equals(iconv.encode(expected, 'gbk'))).toBe(true)
  })
})

describe('writeGbk', () => {
  it('matches iconv-lite, also for characters GBK lacks and the one-byte euro sign', () => {
    for (const text of ['abc', '订单编号,实付金额', '€5', '😀 emoji', 'ǹ', '（全角）—…']) {
      const buffer = Buffer.alloc(2 * text.length)
      const n = writeGbk(text, buffer, 0)
      expect(buffer.subarray(0, n).equals(iconv.encode(text, 'gbk')), text).toBe(true)
    }
  })
})

describe('NdjsonWriter', () => {
  it('writes one JSON array per row', async () => {
    const path = join(dir, 'c.ndjson')
    const writer = new NdjsonWriter(path)
    writer.push(['a', 1, null])
    await writer.close()
    expect(readFileSync(path, 'utf8')).toBe('["a",1,null]\n')
  })
})

describe('money', () => {
  it.each([
    [0, '0.00'],
    [1, '1.00'],
    [10.1, '10.10'],
    [1234.5, '1234.50'],
    [-3.456, '-3.46'],
    [99999.999, '100000.00'],
    [0.004, '0.00'],
    [-0.001, '0.00'],
  ])('writes %d as %s', (value, text) => {
    expect(money(value)).toBe(text)
  })
})

it('reports a write failure (the directory does not exist) when the writer closes', async () => {
  const writer = new CsvWriter(join(dir, 'missing', 'x.csv'), ['a'], ['code'], 'utf8')
  writer.push(['1'])
  await expect(writer.close()).rejects.toThrow(/ENOENT/)
})
