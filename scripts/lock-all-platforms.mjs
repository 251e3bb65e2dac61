// The registry this project installs from serves only some platforms' native binaries (swc, next-swc, unrs), so
// `npm install` writes a lockfile without the others and `npm ci` then refuses it as out of sync. This records
// each missing platform binary as an optional entry with its os/cpu, which npm skips on every other platform.
// Run after `npm install` changes the lockfile: `node scripts/lock-all-platforms.mjs`.
import { readFileSync, writeFileSync } from 'node:fs'

const file = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(file, 'utf8'))
const OSES = ['darwin', 'win32', 'linux', 'android', 'freebsd', 'openharmony', 'sunos', 'netbsd', 'openbsd', 'aix']
const CPUS = ['arm64', 'x64', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32', 'arm']

const platformOf = (name) => {
  const parts = name.split('/').pop().split('-')
  const os = OSES.find((o) => parts.includes(o))
  const cpu = CPUS.find((c) => parts.includes(c))
  return os && cpu ? { os: [os], cpu: [cpu] } : null
}

let added = 0
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`
    const nested = `${path}/node_modules/${dep}`
    if (lock.packages[key] || lock.packages[nested]) continue
    const platform = platformOf(dep)
    if (!platform) continue
    lock.packages[key] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    }
    added++
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))))
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n')
console.log(`lock-all-platforms: recorded ${added} platform-specific optional packages`)
