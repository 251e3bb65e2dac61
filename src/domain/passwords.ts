/**
 * Password rules the site and the API share. The API enforces them (Payload's password validation and its
 * forgot-password settings in src/collections/Users); the pages repeat them so a person hears before they send.
 */

/** Payload's own minimum (its `password` validation's default), which the users collection keeps. */
export const PASSWORD_MIN_LENGTH = 3

/** How long an emailed reset link works. The email and the pages say "one hour": change them together. */
export const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000

/** The site page an emailed reset link opens, on the app's public URL. */
export const resetPasswordUrl = (appUrl: string, token: string) => `${appUrl}/reset-password?token=${encodeURIComponent(token)}`
