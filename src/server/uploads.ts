/**
 * Uploaded files saved for an import: each under its own base name in a directory made for
 * the request, so nothing a client sends can name a path outside it. A name is checked, not
 * repaired: after its path is dropped, an empty name, `.` or `..`, a control character, a
 * name too long for a file system, or one that repeats another upload's name is refused.
 */
import { createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import { ClienteleError } from '../schema/index.js'

const MAX_NAME_BYTES = 255

/** The base name an upload is saved under, or a USAGE error saying why it cannot be. */
export function uploadName(raw: string): string {
  const name = raw.split(/[/\\]/).pop() ?? ''
  const bad = (why: string) =>
    new ClienteleError('USAGE', `invalid file name: ${JSON.stringify(raw)} (${why})`)
  if (name.trim() === '' || name === '.' || name === '..') throw bad('no file name')
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) throw bad('control character')
  if (Buffer.byteLength(name) > MAX_NAME_BYTES) throw bad(`longer than ${MAX_NAME_BYTES} bytes`)
  return name
}

/** The names `files` are saved under; a USAGE error when two would be the same file. */
export function uploadNames(files: readonly File[]): string[] {
  const seen = new Map<string, string>()
  return files.map((f) => {
    const name = uploadName(f.name)
    // case-insensitive file systems (macOS, Windows) would make these one file
    const other = seen.get(name.toLowerCase())
    if (other !== undefined)
      throw new ClienteleError(
        'USAGE',
        `invalid file name: ${JSON.stringify(f.name)} (the same as ${JSON.stringify(other)})`,
      )
    seen.set(name.toLowerCase(), f.name)
    return name
  })
}

/** Writes each file to `dir` under its name; `dir` must be new and empty. */
export async function saveUploads(
  dir: string,
  files: readonly File[],
  names: readonly string[],
): Promise<string[]> {
  const paths: string[] = []
  for (const [i, file] of files.entries()) {
    const path = join(dir, names[i]!)
    // wx: never follow or replace something already there
    await pipeline(
      Readable.fromWeb(file.stream() as WebReadableStream<Uint8Array>),
      createWriteStream(path, { flags: 'wx' }),
    )
    paths.push(path)
  }
  return paths
}
