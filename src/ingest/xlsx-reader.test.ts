import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32, deflateRawSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { isDateFormat, XlsxWorkbook } from './xlsx-reader.js'
import { xlsxToCsv } from './xlsx-source.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-xlsx-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Part {
  name: string
  text: string
  /** 0 stores the bytes, 8 deflates them (the default). */
  method?: 0 | 8
}

/**
 * A ZIP archive written byte by byte, so a test chooses the order of the parts, the
 * compression of each, and whether the directory uses the ZIP64 records.
 */
function zip(parts: Part[], options: { zip64?: boolean } = {}): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const p of parts) {
    const data = Buffer.from(p.text, 'utf8')
    const method = p.method ?? 8
    const stored = method === 8 ? deflateRawSync(data) : data
    const name = Buffer.from(p.name, 'utf8')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(crc32(data), 14)
    local.writeUInt32LE(stored.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, stored)
    const extra = Buffer.alloc(options.zip64 ? 28 : 0)
    if (options.zip64) {
      extra.writeUInt16LE(1, 0)
      extra.writeUInt16LE(24, 2)
      extra.writeBigUInt64LE(BigInt(data.length), 4)
      extra.writeBigUInt64LE(BigInt(stored.length), 12)
      extra.writeBigUInt64LE(BigInt(offset), 20)
    }
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(45, 4)
    entry.writeUInt16LE(20, 6)
    entry.writeUInt16LE(method, 10)
    entry.writeUInt32LE(crc32(data), 16)
    entry.writeUInt32LE(options.zip64 ? 0xffffffff : stored.length, 20)
    entry.writeUInt32LE(options.zip64 ? 0xffffffff : data.length, 24)
    entry.writeUInt16LE(name.length, 28)
    entry.writeUInt16LE(extra.length, 30)
    entry.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 42)
    central.push(entry, name, extra)
    offset += local.length + name.length + stored.length
  }
  const cd = Buffer.concat(central)
  const tail: Buffer[] = []
  if (options.zip64) {
    const record = Buffer.alloc(56)
    record.writeUInt32LE(0x06064b50, 0)
    record.writeBigUInt64LE(44n, 4)
    record.writeBigUInt64LE(BigInt(parts.length), 24)
    record.writeBigUInt64LE(BigInt(parts.length), 32)
    record.writeBigUInt64LE(BigInt(cd.length), 40)
    record.writeBigUInt64LE(BigInt(offset), 48)
    const locator = Buffer.alloc(20)
    locator.writeUInt32LE(0x07064b50, 0)
    locator.writeBigUInt64LE(BigInt(offset + cd.length), 8)
    locator.writeUInt32LE(1, 16)
    tail.push(record, locator)
  }
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(options.zip64 ? 0xffff : parts.length, 8)
  end.writeUInt16LE(options.zip64 ? 0xffff : parts.length, 10)
  end.writeUInt32LE(options.zip64 ? 0xffffffff : cd.length, 12)
  end.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16)
  return Buffer.concat([...locals, cd, ...tail, end])
}

let files = 0
function file(content: Buffer | string): string {
  const path = join(dir, `book${++files}.xlsx`)
  writeFileSync(path, content)
  return path
}

const NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const rel = (id: string, type: string, target: string) =>
  `<Relationship Id="${id}" Type="${NS}/${type}" Target="${target}"/>`
const rels = (...r: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${r.join('')}</Relationships>`

/** Parts of a workbook whose tab order (Orders, then Notes) is not the order of its part files. */
function parts(
  orders: string,
  options: { date1904?: boolean; sst?: string; styles?: string } = {},
) {
  return {
    root: { name: '_rels/.rels', text: rels(rel('rId1', 'officeDocument', 'xl/workbook.xml')) },
    workbook: {
      name: 'xl/workbook.xml',
      text: `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS}"><workbookPr${options.date1904 ? ' date1904="1"' : ''}/><sheets><sheet name="Orders" sheetId="2" r:id="rId2"/><sheet name="Notes" sheetId="1" state="hidden" r:id="rId1"/><sheet name="Chart" sheetId="3" r:id="rId9"/></sheets></workbook>`,
    },
    workbookRels: {
      name: 'xl/_rels/workbook.xml.rels',
      text: rels(
        rel('rId1', 'worksheet', 'worksheets/sheet1.xml'),
        rel('rId2', 'worksheet', '/xl/worksheets/sheet2.xml'),
        rel('rId9', 'chartsheet', 'chartsheets/sheet1.xml'),
        rel('rId3', 'sharedStrings', 'sharedStrings.xml'),
        rel('rId4', 'styles', 'styles.xml'),
      ),
    },
    notes: {
      name: 'xl/worksheets/sheet1.xml',
      text: '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>hello</t></is></c></row></sheetData></worksheet>',
    },
    orders: {
      name: 'xl/worksheets/sheet2.xml',
      text: `<worksheet><sheetData>${orders}</sheetData></worksheet>`,
    },
    sst: {
      name: 'xl/sharedStrings.xml',
      text:
        options.sst ??
        '<sst><si><t>客户编号</t></si><si><r><rPr><b/></rPr><t>下单</t></r><r><t xml:space="preserve">时间 </t></r><rPh><t>カナ</t></rPh></si><si><t>a&amp;b_x000D_c</t></si></sst>',
    },
    styles: {
      name: 'xl/styles.xml',
      text:
        options.styles ??
        '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy/m/d\\ h:mm"/><numFmt numFmtId="165" formatCode="0.00&quot; days&quot;"/></numFmts><cellStyleXfs><xf numFmtId="14"/></cellStyleXfs><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="31"/></cellXfs></styleSheet>',
    },
  }
}

async function read(path: string, sheet?: string) {
  const book = await XlsxWorkbook.open(path)
  try {
    const chosen = book.sheets.find((s) => s.name === (sheet ?? book.sheets[0]?.name))
    const rows: { number: number; cells: string[] }[] = []
    if (chosen) for await (const batch of book.rows(chosen)) rows.push(...batch)
    return { sheets: book.sheets.map((s) => `${s.name}${s.hidden ? ' (hidden)' : ''}`), rows }
  } finally {
    await book.close()
  }
}

const ORDERS =
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c></row>' +
  '<row r="3"><c r="A3" t="str"><f>"C"&amp;1</f><v>C1</v></c><c r="B3" s="1"><v>45296</v></c><c r="C3" s="3"><v>2.5</v></c><c r="D3" t="b"><v>1</v></c></row>' +
  '<row><c t="inlineStr"><is><r><t>C</t></r><r><t>2</t></r></is></c><c s="2"><v>45297.5729166667</v></c><c t="e"><v>#DIV/0!</v></c><c s="4"><v>45298</v></c></row>' +
  '<row r="7"/>'

describe('XlsxWorkbook', () => {
  it('reads the parts in whatever order they are stored: sheets in tab order, cells as Excel shows them', async () => {
    const p = parts(ORDERS)
    // The order exceljs writes (sheets, then shared strings, the workbook last), with some parts stored.
    const path = file(
      zip([
        p.root,
        p.workbookRels,
        p.notes,
        { ...p.orders, method: 0 },
        p.sst,
        { ...p.styles, method: 0 },
        p.workbook,
      ]),
    )
    expect(await read(path)).toEqual({
      sheets: ['Orders', 'Notes (hidden)'],
      rows: [
        { number: 1, cells: ['客户编号', '下单时间 ', '', 'a&b\rc'] },
        { number: 3, cells: ['C1', '2024-01-05', '2.5', 'true'] },
        { number: 4, cells: ['C2', '2024-01-06 13:45:00', '', '2024-01-07'] },
      ],
    })
    expect((await read(path, 'Notes')).rows).toEqual([{ number: 1, cells: ['hello'] }])
  })

  it('reads serial dates in the 1904 date system and a directory in ZIP64 records', async () => {
    const p = parts('<row r="2"><c r="A2" s="1"><v>43834</v></c><c r="B2"><v>43834</v></c></row>', {
      date1904: true,
    })
    const path = file(zip(Object.values(p), { zip64: true }))
    expect((await read(path)).rows).toEqual([{ number: 2, cells: ['2024-01-05', '43834'] }])
  })

  it('reads element names with a namespace prefix and a workbook without package relationships', async () => {
    const p = parts('')
    const sheet = {
      name: 'xl/worksheets/sheet2.xml',
      text: '<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>only B</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>',
    }
    const path = file(zip([p.workbook, p.workbookRels, sheet, p.notes]))
    expect(await read(path)).toEqual({
      sheets: ['Orders', 'Notes (hidden)'],
      rows: [{ number: 1, cells: ['', 'only B'] }],
    })
  })

  it('tells a date format from a number format', () => {
    expect(
      [
        'yyyy-mm-dd',
        '[h]:mm:ss',
        'yyyy"年"m"月"d"日"',
        'm/d/yy;@',
        'General',
        '0.00" days"',
        '[Red]#,##0',
        '#,##0_);(#,##0)',
        '\\d0',
        '@',
      ].map(isDateFormat),
    ).toEqual([true, true, true, true, false, false, false, false, false, false])
  })
})

describe('xlsxToCsv', () => {
  const out = () => join(dir, `out${++files}.csv`)

  it('names what is wrong with a file that is not a workbook', async () => {
    const notZip = file('customer_id,date\nC1,2024-01-05\n')
    await expect(xlsxToCsv(notZip, out(), undefined)).rejects.toMatchObject({
      code: 'INGEST_BAD_ROW',
      issues: [{ file: notZip, message: 'no ZIP end-of-directory record' }],
    })
    const ole = file(Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]))
    await expect(xlsxToCsv(ole, out(), undefined)).rejects.toMatchObject({
      issues: [
        {
          file: ole,
          message:
            'an OLE compound file, not a ZIP: an old .xls workbook or a password-protected one; save it in Excel as .xlsx without a password',
        },
      ],
    })
  })

  it('reports damaged XML and damaged compressed data as an unreadable workbook', async () => {
    const p = parts(ORDERS)
    const cut = { ...p.orders, text: '<worksheet><sheetData><row r="1"><c' }
    const badXml = file(zip([p.root, p.workbook, p.workbookRels, p.sst, p.styles, cut]))
    await expect(xlsxToCsv(badXml, out(), undefined)).rejects.toMatchObject({
      code: 'INGEST_BAD_ROW',
      message: `${badXml} is not a readable .xlsx workbook`,
      issues: [{ file: badXml, message: expect.stringMatching(/unclosed tag|unexpected end/i) }],
    })
    const bytes = zip([p.root, p.workbook, p.workbookRels, p.sst, p.styles, p.orders])
    const sheetAt = bytes.indexOf('xl/worksheets/sheet2.xml') + 'xl/worksheets/sheet2.xml'.length
    bytes.fill(0xff, sheetAt, sheetAt + 8)
    const badData = file(bytes)
    await expect(xlsxToCsv(badData, out(), undefined)).rejects.toMatchObject({
      code: 'INGEST_BAD_ROW',
      issues: [{ file: badData, message: expect.stringMatching(/invalid/i) }],
    })
  })

  it('lists the sheets when the named one is missing, without the chart sheet', async () => {
    const p = parts(ORDERS)
    const path = file(zip(Object.values(p)))
    await expect(xlsxToCsv(path, out(), 'Chart')).rejects.toMatchObject({
      code: 'INGEST_BAD_HEADER',
      issues: [{ message: 'the workbook has sheets: Orders, Notes', value: 'Chart' }],
    })
  })
})
