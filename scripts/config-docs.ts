/** `npm run generate:config-docs`: rewrites docs/configuration.md from ENV_DOCS and REMINDER_SETTING_DOCS. */
import { writeFileSync } from 'node:fs'

import { CONFIGURATION_REFERENCE_PATH, renderConfigurationReference } from './lib/configurationReference'

writeFileSync(CONFIGURATION_REFERENCE_PATH, renderConfigurationReference())
console.log(`Wrote ${CONFIGURATION_REFERENCE_PATH}.`)
