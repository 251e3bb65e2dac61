/** `src/jobs/worker.ts` as a real child process (what `npm run worker` starts), with its JSON log lines collected. */
import { spawn, type ChildProcess } from 'node:child_process'

export type LogEvent = { event?: string; level?: string; [key: string]: unknown }

export type WorkerProcess = {
  child: ChildProcess
  pid: number
  events: LogEvent[]
  output: () => string
  waitFor: (event: string, timeoutMs?: number) => Promise<LogEvent>
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

const root = process.cwd() // jest runs from the repository root

/**
 * Starts one worker on the test database. `node --import tsx` is `npx tsx` without the wrapper processes, so the pid
 * here is the worker itself: SIGTERM and SIGKILL reach it, not a launcher.
 */
export function spawnWorker(env: Record<string, string>, { nodeArgs = [] }: { nodeArgs?: string[] } = {}): WorkerProcess {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/jobs/worker.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'development', JOBLINE_LOGS: '1', NODE_OPTIONS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const events: LogEvent[] = []
  let text = ''
  let pending = ''
  const onData = (chunk: Buffer) => {
    text += chunk.toString()
    pending += chunk.toString()
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) {
      if (!line.startsWith('{')) continue
      try {
        events.push(JSON.parse(line))
      } catch {
        // not one of ours
      }
    }
  }
  child.stdout!.on('data', onData)
  child.stderr!.on('data', (c: Buffer) => (text += c.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  return {
    child,
    pid: child.pid!,
    events,
    output: () => text,
    exited,
    waitFor: async (event, timeoutMs = 90_000) => {
      const until = Date.now() + timeoutMs
      for (;;) {
        const found = events.find((e) => e.event === event)
        if (found) return found
        if (child.exitCode !== null) throw new Error(`worker exited (${child.exitCode}) before ${event}:\n${text.slice(-3000)}`)
        if (Date.now() > until) throw new Error(`no ${event} from the worker in ${timeoutMs} ms:\n${text.slice(-3000)}`)
        await new Promise((r) => setTimeout(r, 100))
      }
    },
  }
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}
