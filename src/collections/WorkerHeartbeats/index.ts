import type { CollectionConfig } from 'payload'

import { isOps } from '../../access/isOps'
import { nobody } from '../../access/nobody'
import { shownAsData } from '../../fields/shownAsData'

/** One row per worker process, beaten every poll: /api/health reads the freshest to tell whether reminders run. */
export const WorkerHeartbeats: CollectionConfig<'worker-heartbeats'> = {
  slug: 'worker-heartbeats',
  access: { create: nobody, read: isOps, update: nobody, delete: isOps },
  admin: { useAsTitle: 'workerId', defaultColumns: ['workerId', 'host', 'pid', 'beatAt'], group: 'Automation' },
  fields: [
    { name: 'workerId', type: 'text', required: true, unique: true },
    { name: 'host', type: 'text' },
    { name: 'pid', type: 'number' },
    { name: 'startedAt', type: 'date' },
    { name: 'beatAt', type: 'date', required: true, index: true },
    shownAsData({ name: 'stats', type: 'json' }),
  ],
}
