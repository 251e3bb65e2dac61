/** The field policy as the Markdown table in docs/access-control.md (written by scripts/field-policy-doc.ts). */
import { FIELD_POLICY, POLICED_COLLECTIONS, type FieldRule, type PartyRole } from './fieldPolicy'

export const TABLE_START = '<!-- field-policy:start (generated from src/access/fieldPolicy.ts: npx tsx scripts/field-policy-doc.ts) -->'
export const TABLE_END = '<!-- field-policy:end -->'

const cell = (rule: FieldRule, role: PartyRole) => (rule[role]?.length ? rule[role]!.join(', ') : '—')

export function fieldPolicyTable(): string {
  const rows = ['| collection | field | a customer reads it when | a provider reads it when |', '|---|---|---|---|']
  for (const collection of POLICED_COLLECTIONS) {
    const { relations, fields } = FIELD_POLICY[collection]
    const seen = (role: PartyRole) => (relations as Partial<Record<PartyRole, readonly string[]>>)[role]?.join(', ') || 'never'
    rows.push(`| **\`${collection}\`** | *the record at all* | ${seen('customer')} | ${seen('provider')} |`)
    for (const [path, rule] of Object.entries(fields as Record<string, FieldRule>)) {
      rows.push(`| | \`${path}\` | ${cell(rule, 'customer')} | ${cell(rule, 'provider')} |`)
    }
  }
  return [TABLE_START, ...rows, TABLE_END].join('\n')
}

/** `markdown` with its generated block replaced by the current table (or the table appended when there is none). */
export function withFieldPolicyTable(markdown: string): string {
  const start = markdown.indexOf(TABLE_START)
  const end = markdown.indexOf(TABLE_END)
  if (start === -1 || end === -1) return `${markdown.trimEnd()}\n\n${fieldPolicyTable()}\n`
  return markdown.slice(0, start) + fieldPolicyTable() + markdown.slice(end + TABLE_END.length)
}
