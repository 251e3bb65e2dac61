import type { Migration, Payload } from 'payload'

import { migrations } from '../migrations'
import { isEmpty, seed } from '../seed'

/** The committed migrations (src/migrations), typed as Payload's runner expects them. */
export const committedMigrations = migrations as unknown as Migration[]

/** Applies the committed migrations (never push mode) and, when asked, seeds an empty database with demo data. */
export async function prepareDatabase(payload: Payload, { seedWhenEmpty }: { seedWhenEmpty: boolean }) {
  await payload.db.migrate({ migrations: committedMigrations })
  if (seedWhenEmpty && (await isEmpty(payload))) {
    await seed(payload)
    return { seeded: true }
  }
  return { seeded: false }
}
