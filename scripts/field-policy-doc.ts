/** Rewrites the field policy table in docs/access-control.md from src/access/fieldPolicy.ts. */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { withFieldPolicyTable } from '../src/access/fieldPolicyTable'

const file = path.resolve(process.cwd(), 'docs/access-control.md')
writeFileSync(file, withFieldPolicyTable(readFileSync(file, 'utf8')))
console.log(`field policy table written to ${path.relative(process.cwd(), file)}`)
