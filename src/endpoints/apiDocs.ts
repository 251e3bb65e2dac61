import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import type { Endpoint } from 'payload'

import { documented } from '../openapi/declare'
import { notFound } from '../utilities/errors'

/**
 * GET /api/docs — the API reference: Swagger UI from the `swagger-ui-dist` package's own files, served by the app
 * (nothing from another host), reading /api/openapi.json. The page has no inline script, so it runs under a strict
 * Content-Security-Policy too.
 */

/** The files of swagger-ui-dist this page uses; nothing else of the package is served. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
}

/**
 * swagger-ui-dist's folder. Resolving the package works under Node (`next start`, tests), but inside `next dev`'s
 * bundle the resolved name is the bundler's, not a path on disk: then the package under the working directory.
 */
function distDir(): string {
  const candidates = [path.resolve(process.cwd(), 'node_modules/swagger-ui-dist')]
  try {
    candidates.unshift(path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json')))
  } catch {
    // not resolvable from here: the working directory's copy
  }
  return candidates.find((dir) => existsSync(path.join(dir, 'swagger-ui.css'))) ?? candidates[candidates.length - 1]
}

const INIT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    persistAuthorization: false,
    // no validator badge: on any host but localhost it is an image from validator.swagger.io, telling a third party
    // where our API docs live (and failing offline)
    validatorUrl: null,
  })
})
`

const page = (base: string) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Jobline API</title>
    <link rel="stylesheet" href="${base}/swagger-ui.css" />
    <link rel="icon" type="image/png" href="${base}/favicon-32x32.png" sizes="32x32" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${base}/swagger-ui-bundle.js"></script>
    <script src="${base}/swagger-ui-standalone-preset.js"></script>
    <script src="${base}/jobline-init.js"></script>
  </body>
</html>
`

export const apiDocsPage: Endpoint = documented(
  {
    path: '/docs',
    method: 'get',
    handler: () => new Response(page('/api/docs'), { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=300' } }),
  },
  {
    tag: 'Docs',
    auth: 'none',
    summary: 'The API reference (Swagger UI over /api/openapi.json)',
    responses: { 200: { description: 'An HTML page; its scripts and styles come from this server.', contentType: 'text/html' } },
  },
)

export const apiDocsAsset: Endpoint = documented(
  {
    path: '/docs/:file',
    method: 'get',
    handler: (req) => {
      const file = String(req.routeParams?.file ?? '')
      if (file === 'jobline-init.js') return new Response(INIT, { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' } })
      const type = ASSETS[file]
      const full = type && path.join(distDir(), file)
      if (!type || !full || !existsSync(full)) throw notFound(`No file ${file} in the API reference.`)
      return new Response(readFileSync(full), { headers: { 'content-type': type, 'cache-control': 'public, max-age=86400' } })
    },
  },
  {
    tag: 'Docs',
    auth: 'none',
    summary: "The API reference's scripts and styles (swagger-ui-dist's own files)",
    params: [{ name: 'file', in: 'path', required: true, description: 'swagger-ui.css, swagger-ui-bundle.js, swagger-ui-standalone-preset.js, a favicon, or jobline-init.js.', schema: { type: 'string' } }],
    responses: { 200: { description: 'The file.', contentType: 'application/octet-stream' }, 404: { description: 'Not one of those files.' } },
  },
)
