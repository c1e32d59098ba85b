import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { saveUploads, uploadName, uploadNames } from './uploads.js'

describe('upload names', () => {
  it('keeps only the base name of a path, POSIX or Windows', () => {
    expect(uploadName('../../etc/x.csv')).toBe('x.csv')
    expect(uploadName('C:\\Users\\张伟\\订单.csv')).toBe('订单.csv')
    expect(uploadName('..\\..\\x.csv')).toBe('x.csv')
    expect(uploadName('orders 2024.csv')).toBe('orders 2024.csv')
  })

  it('refuses what cannot be a file of its own: empty, . and .., control characters, too long', () => {
    for (const [raw, why] of [
      ['', 'no file name'],
      ['  ', 'no file name'],
      ['.', 'no file name'],
      ['a/..', 'no file name'],
      ['x/', 'no file name'],
      ['a\u0000.csv', 'control character'],
      ['a\n.csv', 'control character'],
      [`${'订'.repeat(86)}.csv`, 'longer than 255 bytes'],
    ])
      expect(() => uploadName(raw!)).toThrow(`invalid file name: ${JSON.stringify(raw)} (${why})`)
    expect(uploadName(`${'订'.repeat(83)}.csv`)).toHaveLength(87)
  })

  it('refuses two uploads that would be one file, also on a case-insensitive file system', () => {
    const file = (name: string) => new File(['x'], name)
    expect(uploadNames([file('a.csv'), file('b.csv')])).toEqual(['a.csv', 'b.csv'])
    expect(() => uploadNames([file('a.csv'), file('x/A.csv')])).toThrow(
      'invalid file name: "x/A.csv" (the same as "a.csv")',
    )
  })

  it('writes each upload under its name and nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'clientele-uploads-'))
    try {
      const files = [
        new File(['a,b\n1,2\n'], '../a.csv'),
        new File([Buffer.from([0xc4, 0xe3])], 'b.csv'),
      ]
      const paths = await saveUploads(dir, files, uploadNames(files))
      expect(paths).toEqual([join(dir, 'a.csv'), join(dir, 'b.csv')])
      expect(readdirSync(dir).sort()).toEqual(['a.csv', 'b.csv'])
      expect(readFileSync(paths[0]!, 'utf8')).toBe('a,b\n1,2\n')
      expect([...readFileSync(paths[1]!)]).toEqual([0xc4, 0xe3])
      await expect(saveUploads(dir, files.slice(0, 1), ['a.csv'])).rejects.toThrow(/EEXIST/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
