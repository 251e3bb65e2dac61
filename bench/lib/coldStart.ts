import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })

async function waitFor(url: string, until: number): Promise<boolean> {
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { redirect: 'manual' })
      if (res.status === 200) return true
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return false
}

/**
 * `npm run dev` on an empty embedded database until /api/health and /admin answer 200 (first compile included);
 * /admin/login is the admin's page for a signed-out visitor. Without a `.next` directory this is the first start after
 * install; with the one a previous start left, a later start with Turbopack's cache.
 */
export async function coldStart(): Promise<{ ms: number; healthMs: number }> {
  const port = await freePort()
  const dataDir = path.resolve(process.cwd(), `.data/coldstart-${process.pid}`)
  rmSync(dataDir, { recursive: true, force: true })
  const started = Date.now()
  const child = spawn('npx', ['tsx', 'scripts/dev.ts'], {
    env: { ...process.env, PORT: String(port), DATABASE_URI: '', EMBEDDED_PG_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
    detached: true,
  })
  try {
    const until = started + 180_000
    if (!(await waitFor(`http://127.0.0.1:${port}/api/health`, until))) throw new Error('dev server did not answer /api/health')
    const healthMs = Date.now() - started
    if (!(await waitFor(`http://127.0.0.1:${port}/admin/login`, until))) throw new Error('dev server did not answer /admin')
    return { ms: Date.now() - started, healthMs }
  } finally {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 3000))
    rmSync(dataDir, { recursive: true, force: true })
  }
}
