/** The preset policies shipped with Clientele, each a documented YAML file in `presets/`. */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { existsSync } from 'node:fs'
import { ClienteleError } from '../schema/index.js'
import { loadPolicyFile, parsePolicyText, type Policy } from './policy.js'

export const PRESETS = [
  'abc',
  'rfm-cn8',
  'rfm-segments',
  'lifecycle',
  'b2b4',
  'scorecard-gsb',
  'value-potential',
] as const
export type PresetName = (typeof PRESETS)[number]

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'presets')

/** The YAML text of a preset, to show or copy. */
export function presetText(name: PresetName): string {
  return readFileSync(join(DIR, `${name}.yaml`), 'utf8')
}

/** A preset by name, or a policy file by path. */
export function resolvePolicy(nameOrPath: string): Policy {
  if ((PRESETS as readonly string[]).includes(nameOrPath)) {
    return parsePolicyText(presetText(nameOrPath as PresetName), `preset:${nameOrPath}`)
  }
  if (!existsSync(nameOrPath)) {
    throw new ClienteleError(
      'POLICY_INVALID',
      `no preset or policy file named ${nameOrPath} (presets: ${PRESETS.join(', ')})`,
    )
  }
  return loadPolicyFile(nameOrPath)
}
