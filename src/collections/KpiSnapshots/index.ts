import type { CollectionConfig } from 'payload'

import { isOps } from '../../access/isOps'
import { nobody } from '../../access/nobody'
import { KPI_SNAPSHOT_SOURCES, KPIS } from '../../domain/kpis'

/**
 * The fulfillment KPIs, one row per UTC day and KPI, for the dashboard's 30-day trend. Written only by the worker's
 * daily snapshot and the backfill (src/services/kpis/snapshots.ts: INSERT … ON CONFLICT DO NOTHING on the unique
 * (day, kpi) pair, so however many workers run, a day's figure is written once). Ops only; nobody edits history.
 */
export const KpiSnapshots: CollectionConfig<'kpi-snapshots'> = {
  slug: 'kpi-snapshots',
  labels: { singular: 'KPI snapshot', plural: 'KPI snapshots' },
  access: { create: nobody, read: isOps, update: nobody, delete: nobody },
  lockDocuments: false,
  admin: {
    useAsTitle: 'day',
    defaultColumns: ['day', 'kpi', 'value', 'source', 'takenAt'],
    group: 'Automation',
    description: 'A daily figure per KPI (UTC days): taken by the worker each day, older days backfilled from the audit trail.',
  },
  indexes: [{ fields: ['day', 'kpi'], unique: true }],
  fields: [
    {
      name: 'day',
      type: 'text',
      required: true,
      index: true,
      admin: { description: 'The UTC date (YYYY-MM-DD) the figure is for.' },
      validate: (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? true : 'Use a date as YYYY-MM-DD.'),
    },
    { name: 'kpi', type: 'select', required: true, options: KPIS.map((k) => ({ label: k.label, value: k.key })) },
    { name: 'value', type: 'number', required: true, min: 0 },
    {
      name: 'source',
      type: 'select',
      required: true,
      options: KPI_SNAPSHOT_SOURCES.map((s) => ({ label: s, value: s })),
      admin: { description: 'live: counted by the worker that day; audit: rebuilt later from the audit trail (backfill).' },
    },
    { name: 'takenAt', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
  ],
}
