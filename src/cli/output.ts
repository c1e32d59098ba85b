/**
 * The CLI's one output path: a table for people on a terminal, JSON for machines. The
 * formatters are pure, so tests check them without a terminal.
 */

/** Display width of text in a terminal: CJK and full-width characters take two cells. */
export function displayWidth(s: string): number {
  let w = 0
  for (const ch of s) {
    const c = ch.codePointAt(0)!
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd)
        ? 2
        : 1
  }
  return w
}

const pad = (s: string, w: number, right: boolean) => {
  const fill = ' '.repeat(Math.max(0, w - displayWidth(s)))
  return right ? fill + s : s + fill
}

/** A plain-text table; numeric columns are right-aligned. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
): string {
  const cells = rows.map((r) =>
    r.map((v) =>
      v === null || v === undefined
        ? ''
        : typeof v === 'number'
          ? v.toLocaleString('en-US')
          : String(v),
    ),
  )
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || r[i] === null),
  )
  const widths = headers.map((h, i) =>
    Math.max(displayWidth(h), ...cells.map((r) => displayWidth(r[i] ?? ''))),
  )
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => pad(c, widths[i]!, numeric[i]!))
      .join('  ')
      .trimEnd()
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n')
}

export interface OutputOptions {
  readonly json?: boolean
  readonly isTTY?: boolean
}

/** Whether output should be JSON: asked for, or not a terminal. */
export function wantsJson(options: OutputOptions): boolean {
  return options.json === true || options.isTTY === false
}
