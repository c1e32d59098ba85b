#!/usr/bin/env node
// `npm test`: typecheck, lint, format check, then every vitest test. Ends with one line
// `N passed, N failed` (test counts; a failed static check counts as one failed test).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const env = { ...process.env, TZ: 'UTC' }
const bin = (name) => join('node_modules', '.bin', name)
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env }).status === 0

let passed = 0
let failed = 0
for (const [label, cmd, args] of [
  ['typecheck', bin('tsc'), ['--noEmit']],
  ['typecheck web', bin('tsc'), ['--noEmit', '-p', 'src/web']],
  ['lint', bin('eslint'), ['.']],
  ['format', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
]) {
  console.log(`\n> ${label}`)
  if (run(cmd, args)) passed++
  else {
    failed++
    console.log(`${label} failed`)
  }
}

const dir = mkdtempSync(join(tmpdir(), 'clientele-test-'))
const report = join(dir, 'vitest.json')
console.log('\n> vitest')
const ok = run(bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
])
try {
  const r = JSON.parse(readFileSync(report, 'utf8'))
  passed += r.numPassedTests
  failed += r.numFailedTests
  // A suite that fails to load has no tests to count but is still a failure.
  if (!ok && r.numFailedTests === 0) failed++
} catch {
  failed++
}
rmSync(dir, { recursive: true, force: true })
console.log(`\n${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
