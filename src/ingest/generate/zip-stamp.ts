/**
 * Sets every entry's modification time in a zip file (an .xlsx) to one fixed moment, in
 * place. exceljs's archiver stamps entries with the current time and offers no option, so
 * without this two runs with the same seed would give different bytes. Only the central
 * directory is read into memory; local headers are patched with positional writes.
 * The directory is found by the same code that reads archives (`zipDirectory`).
 */
import { open } from 'node:fs/promises'
import { zipDirectory } from '../zip-archive.js'

const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

function dosTime(date: Date): { time: number; day: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    day:
      ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  }
}

/** Rewrites the DOS time and date of every entry; returns how many entries were stamped. */
export async function stampZip(path: string, date: Date): Promise<number> {
  const file = await open(path, 'r+')
  try {
    const { size } = await file.stat()
    const { count: entries, size: cdSize, offset: cdOffset } = await zipDirectory(file, size)
    const central = Buffer.alloc(cdSize)
    await file.read(central, 0, cdSize, cdOffset)
    const { time, day } = dosTime(date)
    const stamp = Buffer.alloc(4)
    stamp.writeUInt16LE(time, 0)
    stamp.writeUInt16LE(day, 2)
    const header = Buffer.alloc(4)
    let at = 0
    for (let n = 0; n < entries; n++) {
      if (central.readUInt32LE(at) !== CENTRAL) throw new Error(`invalid zip directory: ${path}`)
      stamp.copy(central, at + 12)
      const local = central.readUInt32LE(at + 42)
      // An entry past 4 GB keeps its offset in the ZIP64 extra field; readers take the time
      // from the directory, so that entry's local header keeps the archiver's stamp.
      if (local !== 0xffffffff) {
        await file.read(header, 0, 4, local)
        if (header.readUInt32LE(0) !== LOCAL) throw new Error(`invalid zip entry: ${path}`)
        await file.write(stamp, 0, 4, local + 10)
      }
      at +=
        46 +
        central.readUInt16LE(at + 28) +
        central.readUInt16LE(at + 30) +
        central.readUInt16LE(at + 32)
    }
    await file.write(central, 0, cdSize, cdOffset)
    return entries
  } finally {
    await file.close()
  }
}
