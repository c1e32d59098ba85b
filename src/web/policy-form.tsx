// The tiers of a policy as a small form: names in both languages and the rule of each tier.
// It edits the YAML text itself (comments and layout kept), so the text stays the one truth.
import { isMap, isScalar, isSeq, parse, parseDocument, type Scalar } from 'yaml'
import type { T } from './i18n.js'

interface Props {
  t: T
  text: string
  readOnly: boolean
  onText: (text: string) => void
}

interface TierFields {
  readonly id: string
  readonly zh: string
  readonly en: string
  readonly when: string | null
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v))

function tiersOf(text: string): TierFields[] | null {
  const doc = parseDocument(text)
  const tiers = doc.get('tiers')
  if (doc.errors.length > 0 || !isSeq(tiers)) return null
  return tiers.items.map((_, i) => ({
    id: str(doc.getIn(['tiers', i, 'id'])),
    zh: str(doc.getIn(['tiers', i, 'name', 'zh'])),
    en: str(doc.getIn(['tiers', i, 'name', 'en'])),
    when: doc.hasIn(['tiers', i, 'when']) ? str(doc.getIn(['tiers', i, 'when'])) : null,
  }))
}

function readsBack(value: string): boolean {
  try {
    return (parse(`x: ${value}`) as { x?: unknown } | null)?.x === value
  } catch {
    return false
  }
}

/** `value` as a YAML scalar in the style of `node`: plain when that reads back the same. */
function scalarText(node: Scalar, value: string): string {
  if (node.type === 'QUOTE_DOUBLE') return JSON.stringify(value)
  const plain = node.type === 'PLAIN' && !/[,[\]{}#]/.test(value) && readsBack(value)
  return plain ? value : `'${value.replaceAll("'", "''")}'`
}

/**
 * `text` with `value` at `path`. An existing scalar is replaced in place, so the rest of the
 * text stays as written; otherwise the document is rebuilt (a name given as one string
 * becomes a zh/en map first).
 */
function setIn(text: string, path: (string | number)[], value: string): string {
  const doc = parseDocument(text)
  const node = doc.getIn(path, true)
  if (isScalar(node) && node.range)
    return text.slice(0, node.range[0]) + scalarText(node, value) + text.slice(node.range[1])
  const [, i] = path
  if (path[2] === 'name' && !isMap(doc.getIn(['tiers', i ?? 0, 'name'], true)))
    doc.setIn(['tiers', i ?? 0, 'name'], doc.createNode({ zh: '', en: '' }))
  doc.setIn(path, value)
  return doc.toString({ lineWidth: 0 })
}

export function PolicyForm({ t, text, readOnly, onText }: Props) {
  const tiers = tiersOf(text)
  if (tiers === null) return <p class="meta">{t('formNeedsYaml')}</p>
  const field = (i: number, tier: TierFields, key: 'zh' | 'en' | 'when', label: string) => (
    <input
      value={key === 'when' ? (tier.when ?? '') : tier[key]}
      readOnly={readOnly}
      aria-label={t('fieldOfTier', { field: label, tier: tier.id })}
      spellcheck={false}
      onInput={(e) =>
        onText(
          setIn(
            text,
            key === 'when' ? ['tiers', i, 'when'] : ['tiers', i, 'name', key],
            e.currentTarget.value,
          ),
        )
      }
    />
  )
  return (
    <div class="scroll">
      <table class="policy-form">
        <caption>{t('tierForm')}</caption>
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">{t('nameZh')}</th>
            <th scope="col">{t('nameEn')}</th>
            <th scope="col">{t('rule')}</th>
          </tr>
        </thead>
        <tbody>
          {tiers.map((tier, i) => (
            <tr key={i}>
              <th scope="row">
                <code>{tier.id}</code>
              </th>
              <td>{field(i, tier, 'zh', t('nameZh'))}</td>
              <td>{field(i, tier, 'en', t('nameEn'))}</td>
              <td class="rule">
                {tier.when === null ? (
                  <span class="meta">{t('defaultTier')}</span>
                ) : (
                  field(i, tier, 'when', t('rule'))
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
