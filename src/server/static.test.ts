// The dashboard's files are served from one folder only: no way out by .., encoded dots,
// backslashes, hidden files or a symlink.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { webFile } from './static.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-web-'))
const root = join(dir, 'web')
mkdirSync(join(root, 'assets'), { recursive: true })
writeFileSync(join(root, 'index.html'), '<!doctype html>')
writeFileSync(join(root, 'assets', 'app.js'), 'x')
writeFileSync(join(root, '.env'), 'secret')
writeFileSync(join(dir, 'outside.txt'), 'outside')
symlinkSync(join(dir, 'outside.txt'), join(root, 'link.txt'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('webFile', () => {
  it('serves index.html for / and files below the root', async () => {
    expect(await webFile(root, '/')).toBe(join(root, 'index.html'))
    expect(await webFile(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'))
  })

  it.each([
    '/../outside.txt',
    '/assets/../../outside.txt',
    '/%2e%2e/outside.txt',
    '/..%5coutside.txt',
    '/.env',
    '/link.txt',
    '/missing.js',
    '/%E0%A4%A',
  ])('refuses %j', async (path) => {
    expect(await webFile(root, path)).toBe(null)
  })
})
