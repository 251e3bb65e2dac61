/**
 * `npm run build:static`: the customer and provider site (src/app/(frontend)) as static files in out/, with Next's
 * static export. It assembles a separate Next project in .static-build/ — only the frontend route group, without the
 * `[id]` routes a static host cannot serve (the `view?id=` pages serve them), and a next config with
 * `output: 'export'` — because the app's own project also holds Payload's admin and API, which cannot be exported,
 * and because Next refuses two builds in one project directory at once. `@/` resolves to src/ as in the app.
 * NEXT_PUBLIC_API_URL (read by src/components/api.ts) is inlined into the pages: set it to the app server's origin.
 */
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = process.cwd()
const project = path.join(root, '.static-build')
const frontend = path.join(root, 'src/app/(frontend)')
const out = path.join(root, 'out')

rmSync(path.join(project, 'app'), { recursive: true, force: true })
mkdirSync(project, { recursive: true })
// dynamic `[id]` segments have no pages to export (they would need generateStaticParams per record)
cpSync(frontend, path.join(project, 'app'), { recursive: true, filter: (src) => !/^\[.+\]$/.test(path.basename(src)) })

writeFileSync(
  path.join(project, 'next.config.mjs'),
  `// written by scripts/build-static.ts
import path from 'node:path'

const root = ${JSON.stringify(root)}

/** @type {import('next').NextConfig} */
export default {
  output: 'export',
  // jobs/view/index.html: any plain file server (S3, nginx, python -m http.server) serves /jobs/view/?id=12
  trailingSlash: true,
  images: { unoptimized: true },
  poweredByHeader: false,
  // npm run typecheck covers these files; the export need not check them again
  typescript: { ignoreBuildErrors: true },
  turbopack: { root },
  outputFileTracingRoot: root,
  distDir: '.next',
}
`,
)
writeFileSync(
  path.join(project, 'tsconfig.json'),
  JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022', lib: ['dom', 'dom.iterable', 'esnext'], allowJs: true, skipLibCheck: true, strict: true, noEmit: true,
        esModuleInterop: true, module: 'esnext', moduleResolution: 'bundler', resolveJsonModule: true, isolatedModules: true,
        jsx: 'react-jsx', incremental: true, baseUrl: '.', paths: { '@/*': ['../src/*'] },
      },
      include: ['**/*.ts', '**/*.tsx'],
      exclude: ['node_modules'],
    },
    null,
    2,
  ),
)

const apiUrl = process.env.NEXT_PUBLIC_API_URL ?? ''
console.log(`Exporting src/app/(frontend) to out/ (API at ${apiUrl || 'the same origin'})…`)
const build = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build', project], {
  cwd: project,
  stdio: 'inherit',
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
})
if (build.status !== 0) process.exit(build.status ?? 1)

rmSync(out, { recursive: true, force: true })
renameSync(path.join(project, 'out'), out)
// what this export was built for: the browser test rebuilds when it differs (tests/e2e/staticSite.ts)
writeFileSync(path.join(out, 'build-info.json'), JSON.stringify({ apiUrl, builtAt: new Date().toISOString() }, null, 2) + '\n')
if (!existsSync(path.join(out, 'jobs/view/index.html'))) throw new Error('out/jobs/view/index.html is missing: the export is incomplete')
console.log(`Wrote out/ (${readdirSync(out).length} entries).`)
