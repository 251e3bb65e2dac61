/**
 * Postgres text cannot hold the NUL character (U+0000): a value carrying one fails the query that stores or compares
 * it. Input is refused for it up front, with the place it was found.
 */
const NUL = '\u0000'

/** The path (`body.windows[0].note`) of the first key or string that contains NUL, or undefined. */
export function findNul(value: unknown, at: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes(NUL) ? at : undefined
  if (!value || typeof value !== 'object' || depth > 64) return undefined
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${at}[${i}]`, depth + 1)
      if (found) return found
    }
    return undefined
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.includes(NUL)) return at
    const found = findNul(v, at ? `${at}.${k}` : k, depth + 1)
    if (found) return found
  }
  return undefined
}

export const nulMessage = (where: string) => `${where} contains a NUL character (U+0000), which cannot be stored; remove it.`
