/** Runs `total` requests with `concurrency` in flight and reports latency percentiles and throughput. */
export async function load(
  total: number,
  concurrency: number,
  request: (i: number) => Promise<number>,
): Promise<{ p50: number; p95: number; rps: number; statuses: Record<number, number> }> {
  const latencies: number[] = []
  const statuses: Record<number, number> = {}
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++
        const t0 = performance.now()
        const status = await request(i)
        latencies.push(performance.now() - t0)
        statuses[status] = (statuses[status] ?? 0) + 1
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]
  return { p50: pct(50), p95: pct(95), rps: total / seconds, statuses }
}

export const time = async <T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> => {
  const t0 = performance.now()
  const result = await work()
  return { ms: performance.now() - t0, result }
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
