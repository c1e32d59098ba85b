import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import ExcelJS from 'exceljs'
import { afterAll, describe, expect, it } from 'vitest'
import { XlsxWorkbook } from './xlsx-reader.js'
import { ZipArchive } from './zip-archive.js'
import { ZipWriter } from './zip-writer.js'
import { columnLetters, escapeXml, excelSerial, XlsxWriter } from './xlsx-stream.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-xlsx-stream-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function readAll(path: string, sheet: string): Promise<string[][]> {
  const wb = await XlsxWorkbook.open(path)
  try {
    const out: string[][] = []
    for await (const batch of wb.rows(wb.sheets.find((s) => s.name === sheet)!))
      for (const row of batch) out[row.number - 1] = row.cells
    return out
  } finally {
    await wb.close()
  }
}

async function entryBytes(zip: ZipArchive, name: string): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const c of await zip.stream(zip.find(name)!)) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

describe('XlsxWriter', () => {
  const path = join(dir, 'cells.xlsx')
  const tricky = [
    'A & B <c> "d"',
    '  padded  ',
    'bell\u0001here',
    'literal _x0041_ stays',
    '客户编号 😀',
    '',
  ]

  it('writes cells that Excel readers read back as written: text, numbers, dates, flags, gaps', async () => {
    const w = await XlsxWriter.create(path, { created: new Date(Date.UTC(2024, 4, 28, 9)) })
    const date = w.style({ numFmt: 'yyyy-mm-dd' })
    const money = w.style({ numFmt: '#,##0.00' })
    const header = w.style({ bold: true })
    const title = w.style({ bold: true, size: 14 })
    expect(w.style({})).toBe(0)
    expect(w.style({ numFmt: '#,##0.00' })).toBe(money)

    const s = await w.addSheet("客户's list", {
      columns: [{ width: 12 }, { width: 30, style: money }, {}, { width: 11, style: date }],
      frozenRows: 1,
      autoFilterColumns: 4,
    })
    s.row(['id', 'amount', 'flag', 'day'], header)
    s.row(tricky, [undefined, money])
    s.row(['n', 1234.5, true, new Date(Date.UTC(2024, 4, 28))], [undefined, money, 0, date])
    s.row(['gap', null, undefined, Number.NaN])
    s.row(['inf', Number.POSITIVE_INFINITY, false, -0.125])
    await s.end()
    const t = await w.addSheet('Second')
    t.row(['Title'], title)
    await t.end()
    await w.close()

    // Our own reader (the import path).
    const ours = await readAll(path, "客户's list")
    expect(ours[0]).toEqual(['id', 'amount', 'flag', 'day'])
    expect(ours[1]).toEqual(tricky)
    expect(ours[2]).toEqual(['n', '1234.5', 'true', '2024-05-28'])
    expect(ours[3]).toEqual(['gap'])
    expect(ours[4]).toEqual(['inf', '', 'false', '-0.125'])

    // exceljs, an independent reader, for styles and sheet settings as well.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    expect(wb.worksheets.map((x) => x.name)).toEqual(["客户's list", 'Second'])
    expect(wb.creator).toBe('Clientele')
    const ws = wb.worksheets[0]!
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(ws.autoFilter).toBe('A1:D1')
    expect(ws.getColumn(2).width).toBe(30)
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true)
    // exceljs leaves Excel's _xHHHH_ escapes as they are written; Excel and our reader decode them.
    expect([1, 2, 5].map((c) => ws.getRow(2).getCell(c).value)).toEqual(
      [0, 1, 4].map((i) => tricky[i]),
    )
    expect(ws.getRow(2).getCell(3).value).toBe('bell_x0001_here')
    expect(ws.getRow(3).getCell(2).value).toBe(1234.5)
    expect(ws.getRow(3).getCell(2).numFmt).toBe('#,##0.00')
    expect(ws.getRow(3).getCell(3).value).toBe(true)
    expect(ws.getRow(3).getCell(4).value).toEqual(new Date(Date.UTC(2024, 4, 28)))
    expect(ws.getRow(4).cellCount).toBe(1)
    const second = wb.worksheets[1]!.getRow(1).getCell(1)
    expect(second.font).toMatchObject({ bold: true, size: 14 })
  })

  it('streams a large sheet in bounded pieces, each entry with the CRC of its bytes', async () => {
    const big = join(dir, 'big.xlsx')
    const w = await XlsxWriter.create(big)
    const s = await w.addSheet('Rows')
    for (let i = 0; i < 60_000; i++) {
      s.row([`C${i}`, i * 1.5, `第 ${i} 行`])
      if (i % 5_000 === 4_999) await s.flush()
    }
    await s.end()
    await w.close()
    const rows = await readAll(big, 'Rows')
    expect(rows).toHaveLength(60_000)
    expect(rows[59_999]).toEqual(['C59999', String(59_999 * 1.5), '第 59999 行'])

    const zip = await ZipArchive.open(big)
    try {
      expect([...zip.entries.keys()].sort()).toEqual([
        '[Content_Types].xml',
        '_rels/.rels',
        'docProps/app.xml',
        'docProps/core.xml',
        'xl/_rels/workbook.xml.rels',
        'xl/styles.xml',
        'xl/workbook.xml',
        'xl/worksheets/sheet1.xml',
      ])
      for (const entry of zip.entries.values()) {
        const bytes = await entryBytes(zip, entry.name)
        expect([entry.name, bytes.length, crc32(bytes)]).toEqual([
          entry.name,
          entry.size,
          entry.crc,
        ])
      }
      // Deflated: the sheet's XML is several megabytes, the file a fraction of it.
      expect(zip.entries.get('xl/worksheets/sheet1.xml')!.size).toBeGreaterThan(
        4 * readFileSync(big).length,
      )
    } finally {
      await zip.close()
    }
  })
})

describe('XlsxWriter: what a questionnaire needs', () => {
  it('freezes rows and columns, offers drop-downs, fills and wraps the header, hides a sheet', async () => {
    const path = join(dir, 'form.xlsx')
    const w = await XlsxWriter.create(path)
    const s = await w.addSheet('Form', {
      frozenRows: 1,
      frozenColumns: 2,
      validations: [
        { range: 'C2:C9', values: ['Like', 'Dislike'], errorTitle: 'Pick', error: 'A & B' },
      ],
    })
    const header = w.style({ bold: true, fill: 'FFDCE6F1', wrap: true, vertical: 'center' })
    s.row(['id', 'name', 'answer'], header, 60)
    s.row(['007', 'x'])
    await s.end()
    const h = await w.addSheet('Layout', { state: 'veryHidden' })
    h.row(['{"kind":"kano"}'])
    await h.end()
    await w.close()

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    expect(wb.worksheets.map((x) => [x.name, x.state])).toEqual([
      ['Form', 'visible'],
      ['Layout', 'veryHidden'],
    ])
    const ws = wb.getWorksheet('Form')!
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 1, topLeftCell: 'C2' })
    expect(ws.getRow(1).height).toBe(60)
    const cell = ws.getCell('A1')
    expect(cell.fill).toMatchObject({
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: 'FFDCE6F1' },
    })
    expect(cell.alignment).toEqual({ wrapText: true, vertical: 'middle' })
    expect(ws.getCell('C5').dataValidation).toMatchObject({
      type: 'list',
      allowBlank: true,
      formulae: ['"Like,Dislike"'],
      errorTitle: 'Pick',
      error: 'A & B',
    })
    expect(ws.getCell('C10').dataValidation).toBeUndefined()
  })
})

describe('XlsxSheetWriter limits', () => {
  it("refuses a row past Excel's last column instead of writing a file Excel rejects", async () => {
    const w = await XlsxWriter.create(join(dir, 'wide.xlsx'))
    const s = await w.addSheet('Wide')
    expect(() => s.row(new Array<number>(16_385).fill(1))).toThrow(
      'a sheet holds at most 1048576 rows of 16384 columns (row 1 has 16385)',
    )
    s.row(new Array<number>(16_384).fill(1))
    await s.end()
    await w.close()
    expect((await readAll(join(dir, 'wide.xlsx'), 'Wide'))[0]).toHaveLength(16_384)
  })
})

describe('ZipWriter', () => {
  it('writes one entry at a time and refuses a second while the first is open', async () => {
    const zip = await ZipWriter.create(join(dir, 'two.zip'))
    const first = await zip.entry('a.txt')
    await expect(zip.entry('b.txt')).rejects.toThrow('a ZIP entry is still open')
    await expect(zip.close()).rejects.toThrow('a ZIP entry is still open')
    await first.write(Buffer.from('alpha'))
    await first.end()
    await zip.add('b.txt', 'beta')
    await zip.close()
    const read = await ZipArchive.open(join(dir, 'two.zip'))
    try {
      expect((await entryBytes(read, 'a.txt')).toString()).toBe('alpha')
      expect((await entryBytes(read, 'b.txt')).toString()).toBe('beta')
    } finally {
      await read.close()
    }
  })
})

describe('xlsx text and numbers', () => {
  it('escapes XML and Excel escapes, and leaves plain text alone', () => {
    expect(escapeXml('plain 文本')).toBe('plain 文本')
    expect(escapeXml('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;')
    expect(escapeXml('x\u0000y\u001fz\uffff')).toBe('x_x0000_y_x001F_z_xFFFF_')
    expect(escapeXml('_x00e9_ and _x12_')).toBe('_x005F_x00e9_ and _x12_')
    expect(escapeXml('tab\tand\nline')).toBe('tab\tand\nline')
  })

  it('names columns as Excel does and counts days from 1899-12-30', () => {
    expect([0, 25, 26, 51, 701, 702, 16_383].map(columnLetters)).toEqual([
      'A',
      'Z',
      'AA',
      'AZ',
      'ZZ',
      'AAA',
      'XFD',
    ])
    expect(excelSerial(new Date(Date.UTC(1970, 0, 1)))).toBe(25_569)
    expect(excelSerial(new Date(Date.UTC(2024, 4, 28, 12)))).toBe(45_440.5)
  })
})
