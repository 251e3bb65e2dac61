/**
 * Rewrites src/domain/zoneCountries.ts, the country of each IANA time zone, from the tz database's zone.tab on this
 * machine (Debian's tzdata; another copy's folder as the argument). Each zone is listed under its zone.tab name and, where it
 * differs, under the older name this runtime's ICU reports for it (Asia/Kolkata and Asia/Calcutta), since a stored
 * time zone is spelt as the runtime resolves it. Run after a tzdata release that adds or moves a zone.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const tzdir = process.argv[2] ?? '/usr/share/zoneinfo'
const version = /^# version (\S+)/m.exec(readFileSync(path.join(tzdir, 'tzdata.zi'), 'utf8'))?.[1] ?? 'unknown'
const rows = readFileSync(path.join(tzdir, 'zone.tab'), 'utf8')
  .split('\n')
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => line.split('\t'))

const zonesOf = new Map<string, Set<string>>()
for (const [country, , zone] of rows) {
  const zones = zonesOf.get(country) ?? new Set<string>()
  zones.add(zone)
  try {
    zones.add(new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone)
  } catch {
    // a zone newer than this runtime's ICU: listed under its tz name only
  }
  zonesOf.set(country, zones)
}

const lines = [...zonesOf.keys()].sort().map((country) => `  ${country}: '${[...zonesOf.get(country)!].sort().join(' ')}',`)
const file = path.resolve(process.cwd(), 'src/domain/zoneCountries.ts')
writeFileSync(
  file,
  `// Written by scripts/zone-countries.ts from the tz database's zone.tab (tzdata ${version}): regenerate, do not edit.

/**
 * The IANA time zones of each country (ISO 3166 code), space-separated: every zone zone.tab lists, and the older
 * name ICU reports for one that was renamed (Asia/Calcutta beside Asia/Kolkata). A zone is in one country only.
 */
export const ZONES_OF_COUNTRY: Record<string, string> = {
${lines.join('\n')}
}
`,
)
console.log(`${rows.length} zones in ${zonesOf.size} countries written to ${path.relative(process.cwd(), file)}`)
