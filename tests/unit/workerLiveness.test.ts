import { describe, expect, it } from '@jest/globals'

import { DEFAULT_WORKER_ALIVE_WITHIN_MS, saysStopped, workerAliveWithinMs, workerLiveness } from '../../src/domain/workerLiveness'

const now = new Date('2026-03-10T12:00:00.000Z')
const before = (ms: number) => new Date(now.getTime() - ms)
const WITHIN = 120_000

/** Is a reminder worker running, from the heartbeats, with the time given: the rule the Ops dashboard's banner follows. */
describe('is a worker running', () => {
  it('not when none ever beat', () => {
    expect(workerLiveness([], now, WITHIN)).toEqual({ running: false, lastBeatAt: null, lastStopped: false })
  })

  it('yes when one beat within the window, up to and including its edge', () => {
    expect(workerLiveness([{ beatAt: before(WITHIN), stopped: false }], now, WITHIN).running).toBe(true)
    expect(workerLiveness([{ beatAt: before(WITHIN + 1), stopped: false }], now, WITHIN)).toEqual({ running: false, lastBeatAt: before(WITHIN + 1), lastStopped: false })
  })

  it('not when the fresh beat was a worker shutting down, yes when another still beats', () => {
    const stopped = { beatAt: before(1000), stopped: true }
    expect(workerLiveness([stopped], now, WITHIN)).toEqual({ running: false, lastBeatAt: before(1000), lastStopped: true })
    expect(workerLiveness([stopped, { beatAt: before(50_000), stopped: false }], now, WITHIN)).toEqual({ running: true, lastBeatAt: before(1000), lastStopped: true })
  })

  it('counts a beat stamped a little after now (the database clock ahead of this one) as fresh', () => {
    expect(workerLiveness([{ beatAt: new Date(now.getTime() + 500), stopped: false }], now, WITHIN).running).toBe(true)
  })

  it("reads a worker's last beat from the stats it writes as it stops", () => {
    expect([saysStopped({ scans: 3, stoppedAt: '2026-03-10T11:59:59.000Z' }), saysStopped({ scans: 3 }), saysStopped(null), saysStopped('x')]).toEqual([true, false, false, false])
  })

  it('"recently" is 2 minutes unless set, and never shorter than two poll intervals when unset', () => {
    expect(workerAliveWithinMs(undefined, 60_000)).toBe(DEFAULT_WORKER_ALIVE_WITHIN_MS)
    expect(workerAliveWithinMs(undefined, 300_000)).toBe(600_000)
    expect(workerAliveWithinMs(30, 1000)).toBe(30_000)
  })
})
