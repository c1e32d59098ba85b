/** Progress for long work: one rewritten line on a terminal, plain lines on a pipe (stderr). */
export function progressReporter(isTTY: boolean): (message: string) => void {
  let last = ''
  return (message: string) => {
    if (message === last) return
    last = message
    if (isTTY) process.stderr.write(`\r\x1b[2K${message}`)
    else process.stderr.write(`${message}\n`)
  }
}

export function endProgress(isTTY: boolean): void {
  if (isTTY) process.stderr.write('\r\x1b[2K')
}
