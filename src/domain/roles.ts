export const ROLES = ['ops', 'customer', 'provider'] as const
export type Role = (typeof ROLES)[number]

/** Who acts: a signed-in role, or the system itself (worker, scheduled rules). */
export type Actor = Role | 'system'

/** Roles a person may choose for themselves at sign-up; only Ops can create Ops. */
export const SELF_SIGN_UP_ROLES: readonly Role[] = ['customer', 'provider']

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role)
