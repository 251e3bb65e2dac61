/**
 * How a person names an assignment: the job and whose it is ("Service the boiler — Bob Customer"). The admin shows it
 * as the assignment's title; the migration that filled it for existing rows writes the same text in SQL.
 */
export const LABEL_SEPARATOR = ' — '

export function assignmentLabel(jobTitle: string | null | undefined, customer: { name?: string | null; email?: string | null } | null | undefined): string {
  const title = jobTitle?.trim() || 'Untitled job'
  const who = customer?.name?.trim() || customer?.email?.trim() || 'unknown customer'
  return `${title}${LABEL_SEPARATOR}${who}`
}
