/**
 * The static export (`npm run build:static` → out/) for the browser tests: built for the API the tests run, and served
 * by a plain file server on an origin of its own, as a static host would (no rewrites: `jobs/view/index.html` for
 * `/jobs/view/?id=12`, `404.html` for anything else).
 */
import { execFileSync } from 'node:child_process'
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import path from 'node:path'

const ROOT = process.cwd()
export const OUT = path.join(ROOT, 'out')
const SOURCES = ['src/app/(frontend)', 'src/components', 'src/domain', 'scripts/build-static.ts'].map((p) => path.join(ROOT, p))

const newestChange = (p: string): number =>
  statSync(p).isDirectory() ? Math.max(0, ...readdirSync(p).map((name) => newestChange(path.join(p, name)))) : statSync(p).mtimeMs

/** Builds out/ unless it exists, was built for `apiUrl`, and is newer than the site's sources. */
export function ensureStaticExport(apiUrl: string) {
  const info = path.join(OUT, 'build-info.json')
  const fresh =
    existsSync(info) &&
    (JSON.parse(readFileSync(info, 'utf8')) as { apiUrl?: string }).apiUrl === apiUrl &&
    statSync(info).mtimeMs > Math.max(...SOURCES.map(newestChange))
  if (fresh) return
  execFileSync('npm', ['run', '-s', 'build:static'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NEXT_PUBLIC_API_URL: apiUrl } })
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/** A plain static file server over `dir` on `port`; resolves once it listens. */
export function serveStatic(dir: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const file = path.join(dir, path.normalize(pathname))
    const candidates = [file, path.join(file, 'index.html'), `${file}.html`]
    const found = file.startsWith(dir) ? candidates.find((f) => existsSync(f) && statSync(f).isFile()) : undefined
    const served = found ?? path.join(dir, '404.html')
    res.writeHead(found ? 200 : 404, { 'content-type': TYPES[path.extname(served)] ?? 'application/octet-stream' })
    createReadStream(served).pipe(res)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, 'localhost', () => resolve(server))
  })
}
