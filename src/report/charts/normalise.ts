/**
 * Snapshot normalisation for chart SVG (after Observable Plot's test/plot.js): numbers in
 * attribute values are rounded, zrender's generated ids are renumbered, and whitespace at line
 * ends is dropped, so one input renders to the same bytes on every run and machine. Text content
 * is left alone: the charts format their own labels.
 */

const ATTRIBUTE = /([\w:-]+)="([^"]*)"/g
// Hex colours are matched first so that `#e4e7eb` is not read as the number 4e7.
const NUMBER_OR_COLOR = /#[\da-f]{3,8}\b|-?\d*\.\d+(?:e[-+]?\d+)?|-?\d+e[-+]?\d+/gi
const NOT_NUMERIC = /^(?:xmlns(?::\w+)?|(?:xlink:)?href|class|id)$/
// zrender names ids after its instance counter, which grows with every chart in the process:
// zr3-cls-0 (classes), zr3-c0 (clip paths), zr3-g0 (gradients), zr3-p0 (patterns), zr3-s0 (shadows).
const GENERATED_ID = /\bzr\d+-([a-z]+-?)(\d+)\b/g
const GEOMETRY = new Set(['d', 'points', 'transform'])

function round(text: string, digits: number): string {
  return text.replace(NUMBER_OR_COLOR, (n) =>
    n.startsWith('#') ? n : String(Number(Number(n).toFixed(digits))),
  )
}

function renumberIds(svg: string): string {
  const seen = new Map<string, string>()
  const perKind = new Map<string, number>()
  return svg.replace(GENERATED_ID, (id, kind: string) => {
    let renamed = seen.get(id)
    if (renamed === undefined) {
      const index = perKind.get(kind) ?? 0
      perKind.set(kind, index + 1)
      renamed = `zr0-${kind}${index}`
      seen.set(id, renamed)
    }
    return renamed
  })
}

/**
 * Normalises an SVG string for snapshot comparison: numbers in attributes rounded to 1 decimal
 * (geometry: `d`, `points`, `transform`) or 2 (everything else), generated ids renumbered in
 * order of appearance, trailing whitespace removed and one final newline.
 *
 * @example
 * normaliseSvg('<path d="M1.04 2.96" class="zr7-cls-3"/>') // '<path d="M1 3" class="zr0-cls-0"/>\n'
 */
export function normaliseSvg(svg: string): string {
  const rounded = svg.replace(ATTRIBUTE, (whole: string, name: string, value: string) =>
    NOT_NUMERIC.test(name) ? whole : `${name}="${round(value, GEOMETRY.has(name) ? 1 : 2)}"`,
  )
  const lines = renumberIds(rounded)
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
  return `${lines.join('\n').trimEnd()}\n`
}
