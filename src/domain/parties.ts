import { idOf } from '../utilities/idOf'

export type Parties = { jobId: number | null; customerId: number | null; providerId: number | null }

const id = (value: unknown): number | null => {
  const n = Number(idOf(value))
  return Number.isInteger(n) && n > 0 ? n : null
}

/**
 * The job, customer and provider of any fulfillment record, whichever fields it keeps them in (a job names its
 * provider `assignedProvider`; a payout or proposal reaches its job through its assignment, given as `via`).
 */
export function partiesOf(record: Record<string, unknown>, via?: Record<string, unknown> | null): Parties {
  const isJob = 'assignedProvider' in record || 'excludedProviders' in record
  return {
    jobId: isJob ? id(record.id) : (id(record.job) ?? id(via?.job)),
    customerId: id(record.customer) ?? id(via?.customer),
    providerId: id(isJob ? record.assignedProvider : record.provider) ?? id(via?.provider),
  }
}
