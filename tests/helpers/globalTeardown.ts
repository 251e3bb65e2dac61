import { rmSync } from 'node:fs'

import type { RunningDatabase } from '../../src/db/embedded'

export default async function globalTeardown() {
  const state = (globalThis as { __JOBLINE_TEST_DB__?: { db: RunningDatabase; dataDir: string } }).__JOBLINE_TEST_DB__
  if (!state) return
  await state.db.stop()
  rmSync(state.dataDir, { recursive: true, force: true })
}
