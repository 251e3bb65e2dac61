import type { FieldAccess, FieldHook, RelationshipField } from 'payload'

import { sameValue } from '../hooks/protectFields'
import { badRequest } from '../utilities/errors'

const noOne: FieldAccess = () => false

const refuseChange =
  (name: string): FieldHook =>
  ({ operation, value, previousValue }) => {
    if (operation !== 'update' || value === undefined || sameValue(value, previousValue)) return value
    throw badRequest(`"${name}" is fixed when the record is created and cannot be changed; create a new record instead.`, name)
  }

/**
 * A relation the workflow depends on (whose job a quote is for, whose an assignment is): set when the record is
 * created, never changed after — over REST, GraphQL and the admin, for everyone, Ops included, and for the server's
 * own updates. A change is a 400 naming the field; sending the stored value again is fine (forms echo whole
 * documents). The refusal runs before field access, which keeps the admin showing the field read-only on edit.
 */
export const fixedAfterCreate = <F extends RelationshipField>(field: F): F => ({
  ...field,
  access: { ...field.access, update: noOne },
  hooks: { ...field.hooks, beforeValidate: [refuseChange(field.name), ...(field.hooks?.beforeValidate ?? [])] },
})
