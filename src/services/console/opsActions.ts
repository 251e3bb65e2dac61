/**
 * The Ops console's buttons, as data: for a record in its current state, what the lifecycle table lets Ops do
 * (`actionsFrom(machine, state, 'ops')`), each bound to the HTTP route a client would call for it (ACTION_ROUTES) and
 * the body that route documents. The console posts exactly that, with the record's version; nothing here acts.
 */
import type { CollectionSlug } from 'payload'

import { actionsFrom, type Machine, type StateOf } from '../../domain/lifecycle'
import { fieldRequired, OPS_ACTIONS, opsActionKey } from '../../domain/opsConsole'
import { ACTION_ROUTES, type ActionRoute } from '../../operations/endpoints'

export type OpsField = {
  name: string
  kind: 'text' | 'checkbox'
  required: boolean
  description: string
  initial: string | boolean
}

export type OpsButton = {
  key: string
  machine: Machine
  action: string
  label: string
  confirm: string
  moneyMoves: boolean
  /** `POST /api<path>`, with `{ ...fixed, ...fields, version }`. */
  path: string
  fixed: Record<string, string>
  fields: OpsField[]
  version: number
  /** Which record, in words, for the button's accessible name where several records share a page. */
  subject: string
}

export type OpsSubject = { machine: Machine; collection: CollectionSlug; id: number; status: string; version: number; subject: string }

/**
 * The route that takes `action` on a record of `machine` in `collection`: the one whose action is that name, or — for
 * a route whose action depends on its input (resolve: verified or cancelled) — the one whose documented body has every
 * field the console fixes for it.
 */
export function routeFor(machine: Machine, collection: CollectionSlug, action: string): ActionRoute | undefined {
  const fixed = OPS_ACTIONS[opsActionKey(machine, action)]?.fixed
  return ACTION_ROUTES.find((r) => {
    if (r.collection !== collection || r.spec.machine !== machine) return false
    if (typeof r.spec.action === 'string') return r.spec.action === action
    return !!fixed && Object.keys(fixed).every((f) => r.spec.doc.body?.[f])
  })
}

/** The buttons of one record: every Ops action of the table from its state, in table order. */
export function opsButtonsFor(s: OpsSubject): OpsButton[] {
  return actionsFrom(s.machine, s.status as StateOf<Machine>, 'ops').flatMap((t) => {
    const copy = OPS_ACTIONS[opsActionKey(s.machine, t.action)]
    const route = routeFor(s.machine, s.collection, t.action)
    if (!copy || !route) return [] // the unit test on OPS_ACTIONS and routeFor keeps this from happening
    const fixed = copy.fixed ?? {}
    const fields: OpsField[] = Object.entries(route.spec.doc.body ?? {})
      .filter(([name, f]) => !(name in fixed) && (f.type === 'string' || f.type === 'boolean'))
      .map(([name, f]) => ({
        name,
        kind: f.type === 'boolean' ? ('checkbox' as const) : ('text' as const),
        required: f.type === 'string' && fieldRequired(copy, name, !!f.required),
        description: f.description,
        initial: copy.defaults?.[name] ?? (f.type === 'boolean' ? false : ''),
      }))
    return [
      {
        key: `${opsActionKey(s.machine, t.action)}#${s.id}`,
        machine: s.machine,
        action: t.action,
        label: copy.label,
        confirm: copy.confirm,
        moneyMoves: copy.moneyMoves,
        path: `/${s.collection}${route.path.replace(':id', String(s.id))}`,
        fixed,
        fields,
        version: s.version,
        subject: s.subject,
      },
    ]
  })
}
