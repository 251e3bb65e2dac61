import { describe, expect, it } from '@jest/globals'

import { isConnectionError, whileDatabaseDown } from '../../src/db/connectionErrors'

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code })

describe('isConnectionError: waiting helps only when the database could not be reached', () => {
  it.each([
    ['a restart ending the connection', pgError('57P01', 'terminating connection due to administrator command')],
    ['the server still starting', pgError('57P03', 'the database system is starting up')],
    ['a refused connection', pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a connection that ended mid-query', new Error('Connection terminated unexpectedly')],
    ['the driver error wrapped by drizzle', Object.assign(new Error('Failed query: update …'), { cause: pgError('ECONNRESET', 'read ECONNRESET') })],
  ])('%s is one', (_what, error) => expect(isConnectionError(error)).toBe(true))

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
    ['a syntax error', pgError('42601', 'syntax error at or near "SELEC"')],
    ['a plain error', new Error('boom')],
    ['not an error at all', 'down'],
    ['nothing', undefined],
  ])('%s is not', (_what, error) => expect(isConnectionError(error)).toBe(false))
})

describe('whileDatabaseDown', () => {
  it('runs the write again until the database answers', async () => {
    let calls = 0
    const retried: unknown[] = []
    const result = await whileDatabaseDown(
      async () => {
        if (++calls < 3) throw pgError('57P01', 'terminating connection due to administrator command')
        return 'recorded'
      },
      { until: Date.now() + 10_000, onRetry: (e) => retried.push(e) },
    )
    expect(result).toBe('recorded')
    expect(calls).toBe(3)
    expect(retried).toHaveLength(2)
  })

  it('throws any other error at once, and a connection error once the deadline would pass', async () => {
    let calls = 0
    const unique = pgError('23505', 'duplicate key')
    await expect(whileDatabaseDown(async () => { calls++; throw unique }, { until: Date.now() + 10_000 })).rejects.toBe(unique)
    expect(calls).toBe(1)
    const down = pgError('ECONNREFUSED', 'connect ECONNREFUSED')
    await expect(whileDatabaseDown(async () => { throw down }, { until: Date.now() + 100 })).rejects.toBe(down)
  })
})
