import type { Access } from 'payload'

/** Anyone, signed in or not (sign-up). */
export const anyone: Access = () => true
