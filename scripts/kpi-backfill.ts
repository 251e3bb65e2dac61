/**
 * `npm run kpis:backfill -- [days]`: fills the KPI snapshots of the last `days` UTC days (default 30, today included)
 * that nobody took, rebuilt from the audit trail; existing figures are never changed. Safe to run any time, as often.
 */
import { closePayload } from '../src/db/close'
import { ensureDatabase } from '../src/db/embedded'
import { KPI_TREND_DAYS } from '../src/domain/kpis'
import { backfillKpiSnapshots } from '../src/services/kpis/snapshots'

const days = Number(process.argv[2] ?? KPI_TREND_DAYS)
if (!Number.isInteger(days) || days < 1 || days > 3660) {
  console.error(`Usage: npm run kpis:backfill -- [days], days a whole number from 1 to 3660 (got "${process.argv[2]}").`)
  process.exit(2)
}
const db = await ensureDatabase()
const { getPayload } = await import('payload')
const { default: config } = await import('../payload.config')
const payload = await getPayload({ config })
try {
  const result = await backfillKpiSnapshots(payload, { days })
  console.log(`KPI snapshots ${result.days[0]} – ${result.days[result.days.length - 1]}: ${result.written} figures written.`)
  if (result.skipped.length) console.log(`Not in the audit trail (only live snapshots have them): ${result.skipped.join(', ')}.`)
} finally {
  await closePayload(payload)
  await db.stop()
}
process.exit(0)
