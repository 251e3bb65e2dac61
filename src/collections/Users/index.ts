import type { CollectionBeforeValidateHook, CollectionConfig } from 'payload'

import { isAnonymousOrOps } from '../../access/isAnonymousOrOps'
import { isOps, isOpsField, userIsOps } from '../../access/isOps'
import { isOpsAdmin } from '../../access/isOpsAdmin'
import { canSeeUser } from '../../access/canSeeUser'
import { isOpsOrSelf } from '../../access/isOpsOrSelf'
import { isCalendarDate } from '../../domain/instants'
import { isRole, ROLES, SELF_SIGN_UP_ROLES } from '../../domain/roles'
import { env } from '../../env'
import { timeZoneField } from '../../fields/timeZone'
import { refundSuccessfulLogin, throttleAuth } from '../../hooks/throttleAuth'
import { relabelCustomerAssignments } from '../../hooks/assignmentLabel'
import { forbidden } from '../../utilities/errors'
import { notificationsField, phoneField } from './notifications'
import { revokeCalendarToken, rotateCalendarToken, verifyEmailNotUsed } from './calendarToken'
import { endWhatCameBefore, finishCredentialsChange } from './credentials'
import { forgotPassword } from './passwordReset'

/** Only Ops create Ops or change anyone's role; sign-up makes customers or providers. */
const guardRole: CollectionBeforeValidateHook = ({ data, originalDoc, operation, req }) => {
  // the server itself (Local API without a user: seed, scripts) is not signing anyone up
  if (!data || userIsOps(req.user) || req.context?.trusted || (!req.user && req.payloadAPI === 'local')) return data
  if (operation === 'create') {
    const role = data.role ?? 'customer'
    // An unknown role is left to field validation, which answers 400 naming the field.
    if (isRole(role) && !SELF_SIGN_UP_ROLES.includes(role)) throw forbidden('Only Ops can create Ops accounts.')
    return { ...data, role }
  }
  // Payload's password reset passes the stored user itself as `data`, with no originalDoc: it changes no role
  if (operation === 'update' && !originalDoc) return data
  if (data.role !== undefined && data.role !== originalDoc?.role) throw forbidden('Only Ops can change a role.')
  return data
}

const hourMinute = (v: unknown) =>
  typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/.test(v) ? true : 'Use HH:MM between 00:00 and 24:00.'
const isoDate = (v: unknown) => (isCalendarDate(v) ? true : 'Use a real date as YYYY-MM-DD.')

export const Users: CollectionConfig<'users'> = {
  slug: 'users',
  endpoints: [rotateCalendarToken, revokeCalendarToken, verifyEmailNotUsed],
  auth: {
    tokenExpiration: 60 * 60 * 8,
    // Secure in production: the session cookie never travels over plain HTTP. Lax unless SESSION_COOKIE_SAMESITE says
    // otherwise: a static site on another registrable domain needs None (docs/ui.md#static-export)
    cookies: { sameSite: env().sessionCookieSameSite, secure: env().secureCookies },
    // No lockout: anyone could lock anyone out with five wrong passwords. Sign-ins are throttled instead
    // (src/hooks/throttleAuth.ts, docs/decisions/0002-auth-throttle.md), and a locked and a wrong answer cannot differ.
    maxLoginAttempts: 0,
    // the reset email links to the site's /reset-password, for one hour (src/collections/Users/passwordReset.ts)
    forgotPassword,
  },
  access: {
    admin: isOpsAdmin,
    // Sign-up is for people without an account; signed-in customers and providers do not create accounts.
    create: isAnonymousOrOps,
    // yourself and the people you deal with; which of their fields, src/access/fieldPolicy.ts decides
    read: canSeeUser,
    update: isOpsOrSelf,
    delete: isOps,
    // Payload's default lets any signed-in user unlock anyone (REST /unlock and GraphQL unlockUser)
    unlock: isOps,
  },
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'name', 'role', 'timeZone'],
    group: 'People',
  },
  hooks: {
    beforeValidate: [guardRole, endWhatCameBefore],
    beforeOperation: [throttleAuth],
    afterLogin: [refundSuccessfulLogin],
    afterChange: [relabelCustomerAssignments, finishCredentialsChange],
  },
  fields: [
    // Payload's own login email, declared here so the field policy can give it a read rule (merged with Payload's)
    { name: 'email', type: 'email' },
    { name: 'name', type: 'text', required: true, maxLength: 120 },
    {
      name: 'role',
      type: 'select',
      defaultValue: 'customer',
      index: true,
      options: ROLES.map((r) => ({ label: r[0].toUpperCase() + r.slice(1), value: r })),
      saveToJWT: true,
    },
    phoneField,
    timeZoneField(),
    {
      name: 'availability',
      type: 'group',
      admin: { description: "Providers: weekly working hours and blackout dates, in the provider's own time zone." },
      fields: [
        {
          name: 'weeklyHours',
          type: 'array',
          maxRows: 28,
          fields: [
            {
              type: 'row',
              fields: [
                {
                  name: 'day',
                  type: 'select',
                  required: true,
                  options: ['0', '1', '2', '3', '4', '5', '6'].map((d, i) => ({
                    label: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][i],
                    value: d,
                  })),
                },
                { name: 'start', type: 'text', required: true, validate: hourMinute },
                {
                  name: 'end',
                  type: 'text',
                  required: true,
                  validate: (v: unknown, { siblingData }: { siblingData: { start?: string } }) => {
                    const format = hourMinute(v)
                    if (format !== true) return format
                    return siblingData?.start && String(v) <= siblingData.start ? 'End must be after start.' : true
                  },
                },
              ],
            },
          ],
        },
        {
          name: 'blackoutDates',
          type: 'array',
          maxRows: 366,
          fields: [{ name: 'date', type: 'text', required: true, validate: isoDate }],
        },
      ],
    },
    {
      name: 'calendarToken',
      type: 'text',
      unique: true,
      index: true,
      access: { create: isOpsField, update: isOpsField },
      admin: { readOnly: true, description: 'Secret of the calendar subscription feed; rotate or revoke via the API.' },
    },
    {
      name: 'credentialsChangedAt',
      type: 'date',
      access: { create: isOpsField, update: isOpsField },
      admin: {
        readOnly: true,
        description: 'When the password was last reset or changed: sessions, the feed address and one-tap links from before it ended then.',
      },
    },
    {
      name: 'payment',
      type: 'group',
      access: { create: isOpsField, update: isOpsField },
      admin: { description: 'Customers: the saved payment method authorised at quote acceptance (Stripe ids).' },
      fields: [
        { name: 'stripeCustomerId', type: 'text' },
        { name: 'paymentMethodId', type: 'text' },
      ],
    },
    notificationsField,
  ],
}
