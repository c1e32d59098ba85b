/**
 * Random-access reading of a ZIP file on disk (an .xlsx is one): the central directory is
 * read once, then any entry is streamed by its offset. Reading by the directory, rather
 * than scanning local headers front to back, does not depend on the order of the entries
 * or on when a consumer gets to each one.
 */
import { createReadStream } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { createInflateRaw } from 'node:zlib'

export interface ZipEntry {
  readonly name: string
  readonly method: number
  /** CRC-32 of the uncompressed bytes, from the directory. */
  readonly crc: number
  readonly compressedSize: number
  readonly size: number
  readonly headerOffset: number
}

/** Thrown for a file that is not a ZIP archive this reader can read; the message says why. */
export class ZipError extends Error {}

/** Record signatures and the 32-bit limit, shared with the writer. */
export const ZIP = {
  EOCD: 0x06054b50,
  ZIP64_LOCATOR: 0x07064b50,
  ZIP64_EOCD: 0x06064b50,
  CENTRAL: 0x02014b50,
  LOCAL: 0x04034b50,
  MAX_U32: 0xffffffff,
} as const
const { EOCD, ZIP64_LOCATOR, ZIP64_EOCD, CENTRAL, LOCAL, MAX_U32 } = ZIP

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length)
  const { bytesRead } = await fh.read(buf, 0, length, position)
  return buf.subarray(0, bytesRead)
}

function u64(buf: Buffer, at: number): number {
  const n = buf.readBigUInt64LE(at)
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError('a ZIP64 size is out of range')
  return Number(n)
}

/** Where the central directory is and how many entries it holds (ZIP64 included). */
async function zipDirectory(fh: FileHandle, fileSize: number) {
  const tailLength = Math.min(fileSize, 22 + 0xffff)
  const tail = await readAt(fh, fileSize - tailLength, tailLength)
  let at = -1
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i
      break
    }
  }
  if (at < 0) throw new ZipError('no ZIP end-of-directory record')
  let count = tail.readUInt16LE(at + 10)
  let size = tail.readUInt32LE(at + 12)
  let offset = tail.readUInt32LE(at + 16)
  if (count === 0xffff || size === MAX_U32 || offset === MAX_U32) {
    const locatorAt = at - 20
    if (locatorAt < 0 || tail.readUInt32LE(locatorAt) !== ZIP64_LOCATOR) {
      throw new ZipError('a ZIP64 archive without its locator')
    }
    const record = await readAt(fh, u64(tail, locatorAt + 8), 56)
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) {
      throw new ZipError('a ZIP64 end-of-directory record is missing')
    }
    count = u64(record, 32)
    size = u64(record, 40)
    offset = u64(record, 48)
  }
  return { count, size, offset }
}

/** Sizes and offset that did not fit 32 bits, from the ZIP64 extra field (id 1). */
function zip64Extra(
  extra: Buffer,
  entry: { size: number; compressedSize: number; headerOffset: number },
) {
  for (let i = 0; i + 4 <= extra.length;) {
    const id = extra.readUInt16LE(i)
    const length = extra.readUInt16LE(i + 2)
    if (id === 1) {
      let at = i + 4
      const next = () => {
        const v = u64(extra, at)
        at += 8
        return v
      }
      if (entry.size === MAX_U32) entry.size = next()
      if (entry.compressedSize === MAX_U32) entry.compressedSize = next()
      if (entry.headerOffset === MAX_U32) entry.headerOffset = next()
      return
    }
    i += 4 + length
  }
}

export class ZipArchive {
  private constructor(
    private readonly path: string,
    private readonly fh: FileHandle,
    readonly entries: ReadonlyMap<string, ZipEntry>,
  ) {}

  static async open(path: string): Promise<ZipArchive> {
    const fh = await open(path, 'r')
    try {
      const { size: fileSize } = await fh.stat()
      const dir = await zipDirectory(fh, fileSize)
      if (dir.offset + dir.size > fileSize)
        throw new ZipError('the ZIP directory lies past the end of the file')
      const buf = await readAt(fh, dir.offset, dir.size)
      const entries = new Map<string, ZipEntry>()
      let at = 0
      for (let n = 0; n < dir.count; n++) {
        if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) {
          throw new ZipError(`ZIP directory entry ${n + 1} is damaged`)
        }
        const flags = buf.readUInt16LE(at + 8)
        const nameLength = buf.readUInt16LE(at + 28)
        const extraLength = buf.readUInt16LE(at + 30)
        const commentLength = buf.readUInt16LE(at + 32)
        const name = buf.toString('utf8', at + 46, at + 46 + nameLength)
        if (flags & 1) throw new ZipError(`${name} is encrypted`)
        const entry = {
          name,
          method: buf.readUInt16LE(at + 10),
          crc: buf.readUInt32LE(at + 16),
          compressedSize: buf.readUInt32LE(at + 20),
          size: buf.readUInt32LE(at + 24),
          headerOffset: buf.readUInt32LE(at + 42),
        }
        zip64Extra(buf.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength), entry)
        entries.set(name, entry)
        at += 46 + nameLength + extraLength + commentLength
      }
      return new ZipArchive(path, fh, entries)
    } catch (e) {
      await fh.close()
      throw e
    }
  }

  /** The entry of that name; ZIP names are case-sensitive, but some writers vary the case. */
  find(name: string): ZipEntry | undefined {
    const exact = this.entries.get(name)
    if (exact) return exact
    const lower = name.toLowerCase()
    for (const [key, entry] of this.entries) if (key.toLowerCase() === lower) return entry
    return undefined
  }

  /** The uncompressed bytes of an entry as a stream. */
  async stream(entry: ZipEntry): Promise<Readable> {
    const header = await readAt(this.fh, entry.headerOffset, 30)
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) {
      throw new ZipError(`the local header of ${entry.name} is damaged`)
    }
    const start = entry.headerOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28)
    if (entry.method !== 0 && entry.method !== 8) {
      throw new ZipError(
        `${entry.name} uses ZIP compression method ${entry.method}; expected 0 or 8`,
      )
    }
    if (entry.compressedSize === 0) return Readable.from([])
    const raw = createReadStream(this.path, { start, end: start + entry.compressedSize - 1 })
    if (entry.method === 0) return raw
    const inflate = createInflateRaw()
    raw.on('error', (e) => inflate.destroy(e))
    return raw.pipe(inflate)
  }

  close(): Promise<void> {
    return this.fh.close()
  }
}
