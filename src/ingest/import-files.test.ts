import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openEngine, type Engine } from '../engine/index.js'
import { importFiles } from './import-files.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-import-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const write = (name: string, content: string | Buffer) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

let engine: Engine
beforeEach(async () => {
  engine = await openEngine(':memory:')
})
afterEach(() => engine.close())

const NUMBER = 'expected a number such as 1234.50, ¥1,234.50 or (12.00)'
const DATE = 'expected a date such as 2024-01-05, 2024/1/5, 20240105 or 2024年1月5日'

describe('importFiles: headers', () => {
  it('reads a Chinese shop export as orders and keeps unknown columns as JSON attributes', async () => {
    const file = write(
      'export.csv',
      '客户编号,下单时间,实付金额,利润,收货人,备注\nC1,2024-01-05,100,20,张三,加急\nC2,2024-01-06,50,5,李四,\n',
    )
    const r = await importFiles(engine, [file])
    expect(r.ok).toBe(true)
    expect(r.files[0]).toMatchObject({
      kind: 'transactions',
      rows: 2,
      inserted: 2,
      columns: { customer_id: '客户编号', date: '下单时间', amount: '实付金额', profit: '利润' },
      attributes: ['收货人', '备注'],
    })
    const rows = await engine.all(
      `SELECT customer_id, strftime(date, '%Y-%m-%d') AS date, amount, profit, attributes
       FROM transactions ORDER BY customer_id`,
    )
    expect(rows).toEqual([
      {
        customer_id: 'C1',
        date: '2024-01-05',
        amount: 100,
        profit: 20,
        attributes: '{"收货人":"张三","备注":"加急"}',
      },
      {
        customer_id: 'C2',
        date: '2024-01-06',
        amount: 50,
        profit: 5,
        attributes: '{"收货人":"李四","备注":null}',
      },
    ])
  })

  it('tells a customer list from orders by its headers', async () => {
    const file = write('list.csv', '客户编号,客户名称,行业,客户经理\nK1,华东机械,制造业,王五\n')
    const r = await importFiles(engine, [file])
    expect(r.files[0]).toMatchObject({
      kind: 'customers',
      columns: {
        customer_id: '客户编号',
        name: '客户名称',
        industry: '行业',
        account_manager: '客户经理',
      },
    })
    expect(
      await engine.all('SELECT customer_id, name, industry, account_manager FROM customers'),
    ).toEqual([
      { customer_id: 'K1', name: '华东机械', industry: '制造业', account_manager: '王五' },
    ])
  })

  it('uses the file name to choose between feedback and interactions when headers fit both', async () => {
    const text = 'customer_id,date,type\nC1,2024-01-05,nps\n'
    const r = await importFiles(engine, [write('nps-feedback.csv', text), write('calls.csv', text)])
    expect(r.files.map((f) => f.kind)).toEqual(['feedback', 'interactions'])
  })

  it('rejects a repeated header naming both column numbers, and writes nothing', async () => {
    const file = write('dup.csv', 'customer_id,date,Amount,amount\nC1,2024-01-05,1,2\n')
    const r = await importFiles(engine, [file])
    expect(r).toEqual({
      ok: false,
      importId: undefined,
      files: [],
      issues: [
        {
          code: 'INGEST_BAD_HEADER',
          file,
          line: 1,
          column: 'Amount',
          message: 'the header "Amount" appears in columns 3 and 4; rename one of them',
        },
      ],
      totalIssues: 1,
    })
    expect(await engine.all('SELECT count(*) AS n FROM transactions')).toEqual([{ n: 0 }])
  })

  it('accepts the empty trailing columns spreadsheets export, keeping them as attributes', async () => {
    const file = write('trailing.csv', 'customer_id,date,amount,,\nC1,2024-01-05,1,,\n')
    const r = await importFiles(engine, [file])
    expect(r.ok).toBe(true)
    expect(await engine.all('SELECT attributes FROM transactions')).toEqual([
      { attributes: '{"column4":null,"column5":null}' },
    ])
  })

  it('rejects a file whose headers fit no table, listing them', async () => {
    const file = write('misc.csv', 'foo,bar\n1,2\n')
    const r = await importFiles(engine, [file])
    expect(r.issues).toEqual([
      {
        code: 'INGEST_UNKNOWN_KIND',
        file,
        line: 1,
        message:
          'cannot tell which table this is from its headers (foo, bar); pass --kind customers|transactions|interactions|feedback|surveys|campaigns, or a --mapping file',
      },
    ])
  })

  it('rejects orders missing a required column, listing accepted header names', async () => {
    const file = write('no-amount.csv', '客户编号,下单时间,备注\nC1,2024-01-05,x\n')
    const r = await importFiles(engine, [file], { kind: 'transactions' })
    expect(r.issues).toEqual([
      {
        code: 'INGEST_MISSING_COLUMN',
        file,
        line: 1,
        path: 'amount',
        message:
          'no column for the required field amount of transactions; expected a header such as amount, revenue, sales, total, 金额 (or map one with --mapping)',
      },
    ])
  })

  it('maps a column by header name or position from the mapping, and names a missing one', async () => {
    const file = write('odd.csv', '会员,时间,实收金额\nM1,2024-01-05,9\n')
    const ok = await importFiles(engine, [file], {
      kind: 'transactions',
      mapping: { columns: { customer_id: '会员', date: 2 } },
    })
    expect(ok.files[0]?.columns).toEqual({
      customer_id: '会员',
      date: '时间',
      amount: '实收金额',
    })
    const bad = await importFiles(engine, [file], {
      kind: 'transactions',
      mapping: { columns: { customer_id: 'member' } },
    })
    // The failed mapping leaves customer_id unmatched, and 时间 is no order date header.
    expect(bad.issues.map((i) => [i.code, i.path])).toEqual([
      ['INGEST_BAD_MAPPING', 'columns.customer_id'],
      ['INGEST_MISSING_COLUMN', 'customer_id'],
      ['INGEST_MISSING_COLUMN', 'date'],
    ])
    expect(bad.issues[0]).toEqual({
      code: 'INGEST_BAD_MAPPING',
      file,
      path: 'columns.customer_id',
      message:
        'the mapping names column "member" for customer_id, but the file has: 会员, 时间, 实收金额',
    })
  })
})

describe('importFiles: encodings', () => {
  const TEXT = '客户编号,客户名称,城市\nC1,张三,北京\nC2,李四,上海\n'
  const names = async () =>
    (
      await engine.all<{ name: string; city: string }>(
        'SELECT name, city FROM customers ORDER BY customer_id',
      )
    ).map((r) => `${r.name}/${r.city}`)

  it.each([
    ['UTF-8', Buffer.from(TEXT), 'utf8'],
    ['UTF-8 with BOM', Buffer.from(`\uFEFF${TEXT}`), 'utf8'],
    [
      'UTF-16LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]),
      'utf16le',
    ],
    ['GBK', iconv.encode(TEXT, 'gbk'), 'gb18030'],
  ])('reads %s headers and values', async (_label, bytes, encoding) => {
    const r = await importFiles(engine, [write('customers.csv', bytes)])
    expect(r.files[0]).toMatchObject({ kind: 'customers', encoding, rows: 2 })
    expect(await names()).toEqual(['张三/北京', '李四/上海'])
  })

  it('stores Chinese values from a GBK file byte for byte, including € and full-width forms', async () => {
    const values = ['€张三，北京市朝阳区·镕喆', '〇￥１２３「」', '深圳市南山区科技园']
    const text = `客户编号,客户名称\r\n${values.map((v, i) => `K${i},"${v}"`).join('\r\n')}\r\n`
    await importFiles(engine, [write('gbk.csv', iconv.encode(text, 'gbk'))])
    const stored = await engine.all<{ name: string }>(
      'SELECT name FROM customers ORDER BY customer_id',
    )
    expect(stored.map((r) => Buffer.from(r.name, 'utf8'))).toEqual(
      values.map((v) => Buffer.from(v, 'utf8')),
    )
  })

  it('reports bytes that are not UTF-8 in a file the mapping declares UTF-8, with the line', async () => {
    const bytes = Buffer.concat([
      Buffer.from('customer_id,name\nC1,a\n"C2","two\nlines"\n'),
      iconv.encode('C3,张三\n', 'gbk'),
    ])
    const file = write('declared.csv', bytes)
    const r = await importFiles(engine, [file], { mapping: { encoding: 'utf8' } })
    expect(r.issues).toEqual([
      {
        code: 'INGEST_BAD_ENCODING',
        file,
        line: 5,
        message:
          'bytes that are not utf8; save the file as UTF-8 or name its encoding with --encoding',
        value: 'C3,????',
      },
    ])
  })

  it('reports GBK headers in a file declared UTF-8 as bad bytes on line 1, not as unknown headers', async () => {
    const file = write('gbk-header.csv', iconv.encode(TEXT, 'gbk'))
    const r = await importFiles(engine, [file], { mapping: { encoding: 'utf8' } })
    expect(r.issues).toEqual([
      {
        code: 'INGEST_BAD_ENCODING',
        file,
        line: 1,
        message:
          'bytes that are not utf8; save the file as UTF-8 or name its encoding with --encoding',
      },
    ])
  })
})

describe('importFiles: delimiters and quoting', () => {
  const rows = [
    ['customer_id', 'date', 'amount'],
    ['C1', '2024-01-05', '10.5'],
    ['C2', '2024-01-06', '20'],
  ]
  it.each([
    ['comma', ','],
    ['tab', '\t'],
    ['semicolon', ';'],
    ['pipe', '|'],
  ])('reads %s-separated orders', async (_label, sep) => {
    const r = await importFiles(engine, [
      write('orders.txt', rows.map((x) => x.join(sep)).join('\n')),
    ])
    expect(r.files[0]).toMatchObject({ kind: 'transactions', rows: 2 })
    expect(await engine.all('SELECT customer_id, amount FROM transactions ORDER BY 1')).toEqual([
      { customer_id: 'C1', amount: 10.5 },
      { customer_id: 'C2', amount: 20 },
    ])
  })

  it('reads the whitespace-aligned CDNOW master file with each line in place', async () => {
    const file = resolve(import.meta.dirname, '../../examples/cdnow/CDNOW_master.txt')
    const r = await importFiles(engine, [file])
    expect(r.files[0]).toMatchObject({
      kind: 'transactions',
      rows: 69659,
      inserted: 69659,
      columns: {
        customer_id: 'customer_id',
        date: 'date',
        quantity: 'number_of_cds',
        amount: 'dollar_value',
      },
    })
    const last = await engine.all(
      `SELECT customer_id, strftime(date, '%Y-%m-%d') AS date, quantity, amount
       FROM transactions WHERE source_line IN (2, 69660) ORDER BY source_line`,
    )
    expect(last).toEqual([
      { customer_id: '00001', date: '1997-01-01', quantity: 1, amount: 11.77 },
      { customer_id: '23570', date: '1997-03-26', quantity: 2, amount: 42.96 },
    ])
  })

  it('keeps delimiters, doubled quotes and newlines inside quoted fields', async () => {
    const file = write(
      'quoted.csv',
      'customer_id,name,city\nC1,"Smith, John","He said ""hi""\nsecond line"\nC2,Bob,Rome\n',
    )
    await importFiles(engine, [file])
    expect(
      await engine.all('SELECT customer_id, name, city, source_line FROM customers ORDER BY 1'),
    ).toEqual([
      { customer_id: 'C1', name: 'Smith, John', city: 'He said "hi"\nsecond line', source_line: 2 },
      { customer_id: 'C2', name: 'Bob', city: 'Rome', source_line: 4 },
    ])
  })

  it('counts the lines of multi-line fields above a bad value (records are not lines)', async () => {
    const file = write(
      'notes.csv',
      'customer_id,date,amount,product\r\nC1,2024-01-05,1,"a\r\nb\r\nc"\r\nC2,2024-01-05,zz,p\r\n',
    )
    const r = await importFiles(engine, [file])
    expect(r.issues).toEqual([
      {
        code: 'INGEST_BAD_NUMBER',
        file,
        line: 5,
        column: 'amount',
        path: 'amount',
        value: 'zz',
        message: NUMBER,
      },
    ])
  })

  it('numbers the lines of a large file and finds each row again on a re-import', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `C${i},2024-01-05,${i},p`)
    const file = write('large.csv', `customer_id,date,amount,product\n${rows.join('\n')}\n`)
    const bad = write(
      'large-bad.csv',
      `customer_id,date,amount,product\n${rows.join('\n')}\nCX,2024-01-05,zz,p\n`,
    )
    const failed = await importFiles(engine, [bad])
    expect(failed.issues.map((i) => [i.line, i.value])).toEqual([[100_002, 'zz']])
    expect((await importFiles(engine, [file])).files[0]).toMatchObject({ inserted: 100_000 })
    const sample = await engine.all(`SELECT customer_id, source_line FROM transactions
      WHERE customer_id IN ('C0', 'C7', 'C8', 'C99999') ORDER BY source_line`)
    expect(sample.map((r) => [r.customer_id, r.source_line])).toEqual([
      ['C0', 2],
      ['C7', 9],
      ['C8', 10],
      ['C99999', 100_001],
    ])
    expect((await importFiles(engine, [file])).files[0]).toMatchObject({
      inserted: 0,
      unchanged: 100_000,
    })
  })

  it('skips blank lines above the header instead of reading the header as data', async () => {
    const file = write(
      'lead.csv',
      '\n  \ncustomer_id,date,amount\nC1,2024-01-05,1\nC2,2024-01-05,x\n',
    )
    const r = await importFiles(engine, [file])
    expect(r.issues).toEqual([
      {
        code: 'INGEST_BAD_NUMBER',
        file,
        line: 5,
        column: 'amount',
        path: 'amount',
        value: 'x',
        message: NUMBER,
      },
    ])
  })
})

describe('importFiles: malformed files', () => {
  it('rejects an empty file', async () => {
    const file = write('empty.csv', '')
    expect((await importFiles(engine, [file])).issues).toEqual([
      {
        code: 'INGEST_EMPTY_FILE',
        file,
        message: 'the file has no bytes: expected a header row and data rows',
      },
    ])
  })

  it('rejects a file of blank lines', async () => {
    const file = write('blank.csv', '\n \n')
    expect((await importFiles(engine, [file])).issues).toEqual([
      { code: 'INGEST_EMPTY_FILE', file, message: 'expected a header row and data rows' },
    ])
  })

  it('rejects a header without data rows', async () => {
    const file = write('header-only.csv', 'customer_id,date,amount\n')
    expect((await importFiles(engine, [file])).issues).toEqual([
      { code: 'INGEST_EMPTY_FILE', file, message: 'the file has a header but no data rows' },
    ])
  })

  it('reports rows with too few and too many columns by line, once each', async () => {
    const file = write(
      'ragged.csv',
      'customer_id,date,amount,product\nC1,2024-01-05,1,"x\ny"\nC2,2024-01-05\nC3,2024-01-05,3,p,extra\nC4,2024-01-05,5,p\n',
    )
    const r = await importFiles(engine, [file])
    expect(r.issues).toEqual([
      {
        code: 'INGEST_BAD_ROW',
        file,
        line: 4,
        message: 'missing columns: Expected Number of Columns: 4 Found: 2',
        value: 'C2,2024-01-05',
      },
      {
        code: 'INGEST_BAD_ROW',
        file,
        line: 5,
        message: 'too many columns: Expected Number of Columns: 4 Found: 5',
        value: 'C3,2024-01-05,3,p,extra',
      },
    ])
    expect(r.totalIssues).toBe(2)
  })

  it('reports ragged rows of a GBK file at their lines in the original file', async () => {
    const text =
      '客户编号,下单时间,实付金额\r\nC1,2024-01-05,1\r\nC2,2024-01-05,"多\r\n行",4\r\nC3,2024-01-05\r\n'
    const file = write('ragged-gbk.csv', iconv.encode(text, 'gbk'))
    expect((await importFiles(engine, [file])).issues).toEqual([
      {
        code: 'INGEST_BAD_ROW',
        file,
        line: 3,
        message: 'too many columns: Expected Number of Columns: 3 Found: 4',
        value: 'C2,2024-01-05,"多\r\n行",4',
      },
      {
        code: 'INGEST_BAD_ROW',
        file,
        line: 5,
        message: 'missing columns: Expected Number of Columns: 3 Found: 2',
        value: 'C3,2024-01-05',
      },
    ])
  })

  it('names the line, column and value of an unparseable date and an unparseable amount', async () => {
    const file = write(
      'bad-values.csv',
      '客户编号,下单时间,实付金额\nC1,2024-01-05,1\nC2,2024-13-45,2\nC3,2024-01-07,12abc\nC4,,4\n',
    )
    const r = await importFiles(engine, [file])
    expect(r).toMatchObject({ ok: false, totalIssues: 3 })
    expect(r.issues).toEqual([
      {
        code: 'INGEST_BAD_DATE',
        file,
        line: 3,
        column: '下单时间',
        path: 'date',
        value: '2024-13-45',
        message: DATE,
      },
      {
        code: 'INGEST_BAD_NUMBER',
        file,
        line: 4,
        column: '实付金额',
        path: 'amount',
        value: '12abc',
        message: NUMBER,
      },
      {
        code: 'INGEST_MISSING_VALUE',
        file,
        line: 5,
        column: '下单时间',
        path: 'date',
        value: '',
        message: 'missing Order date: expected a value (Order date is required)',
      },
    ])
  })

  it('finds a bad row at the end of a 200,000-row file and names its line', async () => {
    const file = join(dir, 'large.csv')
    const out = createWriteStream(file)
    out.write('order_id,customer_id,order_date,amount\n')
    for (let i = 0; i < 200_000; i++) {
      const row = `A${i},C${i % 5000},2024-0${1 + (i % 9)}-1${i % 10},${(i % 997) + 0.5}\n`
      if (!out.write(row)) await once(out, 'drain')
    }
    out.write('A-last,C1,2024-02-30,5\n')
    out.end()
    await once(out, 'finish')
    const r = await importFiles(engine, [file])
    expect(r.issues).toEqual([
      {
        code: 'INGEST_BAD_DATE',
        file,
        line: 200_002,
        column: 'order_date',
        path: 'date',
        value: '2024-02-30',
        message: DATE,
      },
    ])
    expect(await engine.all('SELECT count(*) AS n FROM transactions')).toEqual([{ n: 0 }])
  })

  it('caps the listed issues at 20 and counts them all', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `C${i},2024-01-05,n/a`).join('\n')
    const r = await importFiles(engine, [write('many.csv', `customer_id,date,amount\n${rows}\n`)])
    expect(r.totalIssues).toBe(30)
    expect(r.issues.map((i) => i.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 2))
  })

  it('explains that an .xls workbook must be saved as .xlsx', async () => {
    const file = write('old.xls', 'not really excel')
    expect((await importFiles(engine, [file])).issues).toEqual([
      {
        code: 'INGEST_UNSUPPORTED_FORMAT',
        file,
        message:
          'expected one of .csv .tsv .txt .dat .xlsx .parquet .pq .json .ndjson .jsonl; save it as .xlsx (Excel 2007 or later) first',
      },
    ])
  })

  it('says which file does not exist', async () => {
    const file = join(dir, 'nope.csv')
    expect((await importFiles(engine, [file])).issues).toEqual([
      { code: 'INGEST_FILE_NOT_FOUND', file, message: `file not found: ${file}` },
    ])
  })

  it('reports the problems of every file in one import, not only the first', async () => {
    const a = write('a.xls', 'x')
    const b = write('b.csv', '')
    const r = await importFiles(engine, [a, b])
    expect(r.issues.map((i) => [i.code, i.file])).toEqual([
      ['INGEST_UNSUPPORTED_FORMAT', a],
      ['INGEST_EMPTY_FILE', b],
    ])
    expect(r.totalIssues).toBe(2)
  })
})

describe('importFiles: values checked while they are written', () => {
  const snapshot = async () =>
    engine.all(`SELECT (SELECT count(*) FROM transactions) AS orders,
      (SELECT count(*) FROM campaigns) AS campaigns, (SELECT count(*) FROM imports) AS imports,
      (SELECT sum(amount) FROM transactions) AS amount`)

  it('rolls back files already written when a later file has bad optional values, naming each', async () => {
    // The first import fills the table, so the second goes through the staged comparison.
    await importFiles(engine, [write('first.csv', 'customer_id,date,amount\nC0,2024-01-01,7\n')])
    const before = await snapshot()
    const good = write('good2.csv', 'customer_id,date,amount\nC1,2024-01-05,10\n')
    const bad = write(
      'optional.csv',
      'order_id,customer_id,date,amount,profit,quantity,status\n' +
        'A1,C2,2024-01-05,10,3,1,paid\n' +
        'A2,C2,2024-01-06,11,abc,2,\n' +
        'A2,C2,2024-01-06,12,1,2 pcs,completed\n' +
        'A3,C3,2024-01-07,13, ,1,lost in post\n',
    )
    const campaigns = write(
      'campaigns.csv',
      // A whole number past BIGINT is a bad value at its line, not a failed cast.
      'campaign_id,customer_id,campaign_date,exposed,converted\nK1,C1,2024-01-05,yes,maybe\nK2,C1,2024-01-06,1e30,0\n',
    )
    const r = await importFiles(engine, [good, bad, campaigns])
    expect(r).toMatchObject({ ok: false, importId: undefined, files: [], totalIssues: 5 })
    expect(r.issues.map((i) => [i.file, i.line, i.path, i.value, i.code])).toEqual([
      [bad, 3, 'profit', 'abc', 'INGEST_BAD_NUMBER'],
      [bad, 4, 'quantity', '2 pcs', 'INGEST_BAD_NUMBER'],
      [bad, 5, 'status', 'lost in post', 'INGEST_BAD_ROW'],
      [campaigns, 2, 'converted', 'maybe', 'INGEST_BAD_NUMBER'],
      [campaigns, 3, 'exposed', '1e30', 'INGEST_BAD_NUMBER'],
    ])
    expect(await snapshot()).toEqual(before)
  })

  it('takes blank optional values as missing, not as bad', async () => {
    const file = write(
      'blanks.csv',
      'customer_id,date,amount,profit,quantity,status\nC1,2024-01-05,10,  ,\u3000,\nC2,2024-01-06,-3,,,refunded\n',
    )
    const r = await importFiles(engine, [file])
    expect(r).toMatchObject({ ok: true, totalIssues: 0 })
    expect(
      await engine.all(
        'SELECT customer_id, amount, profit, quantity, status FROM transactions ORDER BY 1',
      ),
    ).toEqual([
      { customer_id: 'C1', amount: 10, profit: null, quantity: null, status: 'completed' },
      { customer_id: 'C2', amount: -3, profit: null, quantity: null, status: 'refunded' },
    ])
  })
})
