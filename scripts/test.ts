/**
 * `npm test`: the five parts of the suite one after the other — unit, integration, fuzz, faults, browser — each
 * through its own `npm run test:<part>` script, with its output as it comes; then one line per part with its counts
 * and time, and a last line `N passed, N failed`. Every part runs even when an earlier one failed, so one run tells
 * everything; the exit code is 1 when anything failed or a part did not finish.
 *
 * `npm test -- int e2e` runs only the parts named (unit, int, fuzz, faults, e2e).
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'

type Counts = { passed: number; failed: number; skipped: number; failures: string[] }
type Part = { key: string; name: string; results: string; read: (file: string) => Counts }

const RESULTS = path.resolve('test-results')

/** Jest's `--json` report. */
function readJest(file: string): Counts {
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number
    numFailedTests: number
    numPendingTests: number
    numTodoTests: number
    numRuntimeErrorTestSuites: number
    testResults: { name: string; message?: string; assertionResults: { fullName: string; status: string }[] }[]
  }
  const failures = r.testResults.flatMap((s) => {
    const failed = s.assertionResults.filter((a) => a.status === 'failed').map((a) => `${path.relative(process.cwd(), s.name)} › ${a.fullName}`)
    // a file that failed before any test ran (a syntax error, a beforeAll that threw)
    return failed.length || !s.message ? failed : [`${path.relative(process.cwd(), s.name)} (the file failed to run)`]
  })
  return {
    passed: r.numPassedTests,
    failed: r.numFailedTests + r.numRuntimeErrorTestSuites,
    skipped: r.numPendingTests + r.numTodoTests,
    failures,
  }
}

type PlaywrightSuite = { title: string; file?: string; specs?: { title: string; ok: boolean; tests: { status: string }[] }[]; suites?: PlaywrightSuite[] }

/** Playwright's JSON report (playwright.config.ts writes it). */
function readPlaywright(file: string): Counts {
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number }
    suites: PlaywrightSuite[]
    errors?: { message?: string }[]
  }
  const failures: string[] = []
  const walk = (suite: PlaywrightSuite, file: string) => {
    for (const spec of suite.specs ?? []) if (!spec.ok) failures.push(`${file} › ${spec.title}`)
    for (const child of suite.suites ?? []) walk(child, file)
  }
  for (const suite of r.suites) walk(suite, suite.file ?? suite.title)
  // errors outside any test (the web server did not start, a global setup threw) fail the run too
  const outside = (r.errors ?? []).length
  return {
    passed: r.stats.expected,
    // a flaky test passed only on a retry; the suite runs without retries, so one would be a failure here
    failed: r.stats.unexpected + r.stats.flaky + outside,
    skipped: r.stats.skipped,
    failures: [...failures, ...(outside ? [`${outside} error(s) outside the tests`] : [])],
  }
}

const PARTS: Part[] = [
  { key: 'unit', name: 'unit', results: 'unit.json', read: readJest },
  { key: 'int', name: 'integration', results: 'int.json', read: readJest },
  { key: 'fuzz', name: 'fuzz', results: 'fuzz.json', read: readJest },
  { key: 'faults', name: 'faults', results: 'faults.json', read: readJest },
  { key: 'e2e', name: 'browser', results: 'e2e.json', read: readPlaywright },
]

function run(part: Part, file: string): Promise<number | null> {
  // jest writes its report where --outputFile says; playwright.config.ts reads PLAYWRIGHT_JSON_OUTPUT_FILE
  const args = ['run', '-s', `test:${part.key}`, ...(part.read === readJest ? ['--', '--json', `--outputFile=${file}`] : [])]
  const child = spawn('npm', args, { stdio: 'inherit', env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: file } })
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)))
}

const clock = (ms: number) => {
  const s = Math.round(ms / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

const chosen = process.argv.slice(2)
const unknown = chosen.filter((k) => !PARTS.some((p) => p.key === k))
if (unknown.length) {
  console.error(`Unknown part(s): ${unknown.join(', ')}. Parts: ${PARTS.map((p) => p.key).join(', ')}.`)
  process.exit(2)
}
mkdirSync(RESULTS, { recursive: true })

const started = Date.now()
const lines: { part: Part; counts?: Counts; code: number | null; ms: number }[] = []
for (const part of PARTS.filter((p) => !chosen.length || chosen.includes(p.key))) {
  const file = path.join(RESULTS, part.results)
  rmSync(file, { force: true })
  const t0 = Date.now()
  console.log(`\n== ${part.name} (npm run test:${part.key})\n`)
  const code = await run(part, file)
  lines.push({ part, code, ms: Date.now() - t0, counts: existsSync(file) ? part.read(file) : undefined })
}

let passed = 0
let failed = 0
const failures: string[] = []
console.log('\n== Summary')
for (const { part, counts, code, ms } of lines) {
  if (!counts) {
    failed++
    failures.push(`${part.name}: did not finish (exit ${code})`)
    console.log(`${part.name.padEnd(12)} did not finish (exit ${code})`.padEnd(52) + clock(ms).padStart(6))
    continue
  }
  passed += counts.passed
  failed += counts.failed
  failures.push(...counts.failures.map((f) => `${part.name}: ${f}`))
  // a part whose tests passed can still end badly (a leaked handle, a reporter error): that counts as a failure
  if (counts.failed === 0 && code !== 0) {
    failed++
    failures.push(`${part.name}: exited with ${code} after its tests passed`)
  }
  const text = `${String(counts.passed).padStart(5)} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}`
  console.log(`${part.name.padEnd(12)}${text}`.padEnd(52) + clock(ms).padStart(6))
}
for (const f of failures) console.log(`  FAILED ${f}`)
console.log(`${passed} passed, ${failed} failed in ${clock(Date.now() - started)}`)
process.exit(failed === 0 && lines.length > 0 ? 0 : 1)
