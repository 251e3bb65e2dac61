import type { CollectionBeforeValidateHook, CollectionConfig } from 'payload'

import { isAnonymousOrOps } from '../../access/isAnonymousOrOps'
import { isOps, userIsOps } from '../../access/isOps'
import { isOpsAdmin } from '../../access/isOpsAdmin'
import { isOpsOrSelf } from '../../access/isOpsOrSelf'
import { isRole, ROLES, SELF_SIGN_UP_ROLES } from '../../domain/roles'
import { timeZoneField } from '../../fields/timeZone'
import { forbidden } from '../../utilities/errors'

/** Only Ops create Ops or change anyone's role; sign-up makes customers or providers. */
const guardRole: CollectionBeforeValidateHook = ({ data, originalDoc, operation, req }) => {
  if (!data || userIsOps(req.user) || req.context?.trusted) return data
  if (operation === 'create') {
    const role = data.role ?? 'customer'
    // An unknown role is left to field validation, which answers 400 naming the field.
    if (isRole(role) && !SELF_SIGN_UP_ROLES.includes(role)) throw forbidden('Only Ops can create Ops accounts.')
    return { ...data, role }
  }
  if (data.role !== undefined && data.role !== originalDoc?.role) throw forbidden('Only Ops can change a role.')
  return data
}

export const Users: CollectionConfig<'users'> = {
  slug: 'users',
  auth: {
    tokenExpiration: 60 * 60 * 8,
    cookies: { sameSite: 'Lax' },
  },
  access: {
    admin: isOpsAdmin,
    // Sign-up is for people without an account; signed-in customers and providers do not create accounts.
    create: isAnonymousOrOps,
    read: isOpsOrSelf,
    update: isOpsOrSelf,
    delete: isOps,
  },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'name', 'role', 'timeZone'],
    group: 'People',
  },
  hooks: { beforeValidate: [guardRole] },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'role',
      type: 'select',
      defaultValue: 'customer',
      index: true,
      options: ROLES.map((r) => ({ label: r[0].toUpperCase() + r.slice(1), value: r })),
      saveToJWT: true,
    },
    { name: 'phone', type: 'text', maxLength: 32, validate: (v: unknown) => (v == null || v === '' || /^\+?[0-9 ()-]{6,32}$/.test(String(v)) ? true : 'Phone must be digits, spaces, ( ) - and an optional leading +.') },
    timeZoneField(),
    {
      name: 'notifications',
      type: 'group',
      fields: [
        { name: 'email', type: 'checkbox', defaultValue: true, label: 'Email notifications' },
        { name: 'sms', type: 'checkbox', defaultValue: false, label: 'SMS notifications' },
      ],
    },
  ],
}
