import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { afterAll, describe, expect, it } from 'vitest'
import { convertToUtf8, detectEncoding, normaliseEncoding } from './encoding.js'
import { IngestError } from './ingest-error.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-encoding-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const write = (name: string, bytes: Buffer | string) => {
  const path = join(dir, name)
  writeFileSync(path, bytes)
  return path
}

const TEXT = '客户编号,客户名称,城市\nC1,张三,北京\nC2,李四,上海\n'

describe('detectEncoding', () => {
  it.each([
    ['UTF-8 without BOM', Buffer.from(TEXT), { encoding: 'utf8', bom: false }],
    ['UTF-8 with BOM', Buffer.from(`\uFEFF${TEXT}`), { encoding: 'utf8', bom: true }],
    [
      'UTF-16LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]),
      { encoding: 'utf16le', bom: true },
    ],
    // English text in UTF-16LE has a zero in every odd byte.
    [
      'UTF-16LE without BOM',
      Buffer.from('customer_id,amount\nC1,5\n', 'utf16le'),
      { encoding: 'utf16le', bom: false },
    ],
    ['GBK', iconv.encode(TEXT, 'gbk'), { encoding: 'gb18030', bom: false }],
  ])('recognises %s', (_label, bytes, expected) => {
    const path = write('sample.csv', bytes)
    expect(detectEncoding(path)).toEqual({ ...expected, size: bytes.length })
  })

  it('finds GBK bytes that only appear after the first megabyte (it samples the tail too)', () => {
    const ascii = Buffer.from(`customer_id,name\n${'C1,abc\n'.repeat(200_000)}`)
    const path = write('late-gbk.csv', Buffer.concat([ascii, iconv.encode('C9,张三\n', 'gbk')]))
    expect(detectEncoding(path).encoding).toBe('gb18030')
  })

  it('does not mistake a UTF-8 character cut by the sample boundary for GBK', () => {
    // The 3-byte '张' starts one byte before the end of the 1 MiB head sample.
    const head = Buffer.from('name\n')
    const pad = Buffer.alloc((1 << 20) - 1 - head.length, 0x61)
    const path = write('cut.csv', Buffer.concat([head, pad, Buffer.from('张\n')]))
    expect(detectEncoding(path).encoding).toBe('utf8')
  })
})

describe('normaliseEncoding', () => {
  it.each([
    ['UTF-8', 'utf8'],
    ['utf_16', 'utf16le'],
    ['UTF-16BE', 'utf16be'],
    ['GBK', 'gb18030'],
    ['gb2312', 'gb18030'],
    ['CP936', 'gb18030'],
  ])('reads %j as %s', (name, encoding) => {
    expect(normaliseEncoding(name, 'a.csv')).toBe(encoding)
  })

  it('rejects an unknown encoding naming the file and the accepted ones', () => {
    const err = (() => {
      try {
        normaliseEncoding('latin1', 'a.csv')
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(IngestError)
    expect(err).toMatchObject({
      code: 'INGEST_BAD_ENCODING',
      message: 'unknown encoding "latin1" for a.csv',
      issues: [
        {
          code: 'INGEST_BAD_ENCODING',
          file: 'a.csv',
          message: 'expected one of utf8, utf16le, utf16be, gb18030, gbk',
          value: 'latin1',
        },
      ],
    })
  })
})

describe('convertToUtf8', () => {
  it('writes GBK text as UTF-8, character for character', async () => {
    const src = write('gbk.csv', iconv.encode(TEXT, 'gbk'))
    const out = join(dir, 'gbk.utf8.csv')
    await convertToUtf8(src, out, 'gb18030', false)
    expect(readFileSync(out, 'utf8')).toBe(TEXT)
  })

  it('drops the BOM of UTF-16LE so the header does not start with U+FEFF', async () => {
    const src = write(
      'u16.csv',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]),
    )
    const out = join(dir, 'u16.utf8.csv')
    await convertToUtf8(src, out, 'utf16le', false)
    expect(readFileSync(out, 'utf8')).toBe(TEXT)
  })

  it('turns whitespace-aligned columns into tab-separated ones, keeping every line', async () => {
    const src = write(
      'aligned.txt',
      ' 00001 19970101  1   11.77\r\n 00002 19970112  5   77.00  \n\n',
    )
    const out = join(dir, 'aligned.tsv')
    await convertToUtf8(src, out, 'utf8', true)
    expect(readFileSync(out, 'utf8')).toBe(
      '00001\t19970101\t1\t11.77\n00002\t19970112\t5\t77.00\n\n',
    )
  })

  it('rejects bytes that are not valid in the declared encoding, naming the first bad line', async () => {
    const bytes = Buffer.concat([
      Buffer.from('customer_id,name\nC1,a\n'),
      iconv.encode('C2,张三\n', 'gbk'),
    ])
    const src = write('declared-utf8.csv', bytes)
    const err = await convertToUtf8(src, join(dir, 'x.csv'), 'utf8', true).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(IngestError)
    expect(err).toMatchObject({
      code: 'INGEST_BAD_ENCODING',
      message: `${src} is not valid utf8 text`,
      issues: [
        {
          code: 'INGEST_BAD_ENCODING',
          file: src,
          line: 3,
          message:
            'bytes that are not utf8; save the file as UTF-8 or name its encoding with --encoding',
        },
      ],
    })
  })
})
