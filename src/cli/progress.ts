/**
 * Progress for long work, on stderr: a terminal gets one rewritten line with a bar of the
 * stages done, a pipe gets one plain line per stage (repeats dropped).
 */
const BAR = 20

/** `[#####---------------] 2/8 models` for stage 2 of 8. */
export function progressLine(stage: string, index: number, total: number, detail = ''): string {
  const done = Math.round((BAR * index) / Math.max(1, total))
  return `[${'#'.repeat(done)}${'-'.repeat(BAR - done)}] ${index}/${total} ${stage}${detail ? ` ${detail}` : ''}`
}

/**
 * A reporter for `stages` (known in advance): each call names a stage and an optional detail.
 * Unknown stages are shown without a count.
 */
export function progressReporter(
  isTTY: boolean,
  stages: readonly string[] = [],
): (message: string, detail?: string) => void {
  let last = ''
  return (stage: string, detail = '') => {
    const at = stages.indexOf(stage)
    const line =
      at >= 0
        ? progressLine(stage, at + 1, stages.length, detail)
        : `${stage}${detail ? ` ${detail}` : ''}`
    if (isTTY) {
      if (line !== last) process.stderr.write(`\r\x1b[2K${line}`)
    } else {
      // A pipe gets one line per stage, not per row count.
      const plain = at >= 0 ? stage : line
      if (plain !== last) process.stderr.write(`${plain}\n`)
      last = plain
      return
    }
    last = line
  }
}

export function endProgress(isTTY: boolean): void {
  if (isTTY) process.stderr.write('\r\x1b[2K')
}
