import { postgresAdapter } from '@payloadcms/db-postgres'
import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import nodemailer from 'nodemailer'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig, type PayloadRequest } from 'payload'

import { userIsOps } from './src/access/isOps'
import { applyFieldPolicy } from './src/access/applyFieldPolicy'
import { lockPayloadInternals } from './src/access/lockPayloadInternals'
import { Assignments } from './src/collections/Assignments'
import { AuditEvents } from './src/collections/AuditEvents'
import { Events } from './src/collections/Events'
import { Jobs } from './src/collections/Jobs'
import { KpiSnapshots } from './src/collections/KpiSnapshots'
import { Payouts } from './src/collections/Payouts'
import { Quotes } from './src/collections/Quotes'
import { ReminderLogs } from './src/collections/ReminderLogs'
import { ScheduleProposals } from './src/collections/ScheduleProposals'
import { Users } from './src/collections/Users'
import { applyInputRules } from './src/collections/inputRules'
import { survivePoolErrors } from './src/db/poolErrors'
import { jsonShownAsData } from './src/fields/shownAsData'
import { serializeSessionWrites } from './src/db/userSessions'
import { smtpTransport } from './src/services/notifications/channels/smtpTransport'
import { WebhookDeliveries } from './src/collections/WebhookDeliveries'
import { WebhookEndpoints } from './src/collections/WebhookEndpoints'
import { WorkerHeartbeats } from './src/collections/WorkerHeartbeats'
import { apiDocsAsset, apiDocsPage } from './src/endpoints/apiDocs'
import { calendarFeed } from './src/endpoints/calendarFeed'
import { healthEndpoint } from './src/endpoints/health'
import { metricsEndpoint } from './src/endpoints/metrics'
import { notificationPreviewEndpoint } from './src/endpoints/notificationPreview'
import { oneTapEndpoint } from './src/endpoints/oneTap'
import { openApiEndpoint } from './src/endpoints/openapi'
import { env } from './src/env'
import { graphqlArgumentsRule } from './src/http/graphqlArguments'
import { payloadLogger } from './src/logging/payloadLogger'
import { authorizationWatchTask } from './src/jobs/tasks/authorizationWatch'
import { autoVerifyTask } from './src/jobs/tasks/autoVerify'
import { capturePaymentTask } from './src/jobs/tasks/capturePayment'
import { deliverRemindersTask } from './src/jobs/tasks/deliverReminders'
import { deliverWebhooksTask } from './src/jobs/tasks/deliverWebhooks'
import { releaseAuthorizationTask } from './src/jobs/tasks/releaseAuthorization'
import { startWorkerInWebIfConfigured } from './src/jobs/startWorker'
import { sendNotificationTask } from './src/jobs/tasks/sendNotification'
import { migrations } from './src/migrations'
import { onEvent } from './src/operations/effects'
import { queueWebhookDeliveries } from './src/services/webhooks/queue'

const dirname = path.dirname(fileURLToPath(import.meta.url))
const config = env()

const opsOnly = ({ req }: { req: PayloadRequest }) => userIsOps(req.user)

// every domain event also becomes a delivery per endpoint that wants it, in the action's own transaction
onEvent(queueWebhookDeliveries)

export default buildConfig({
  serverURL: config.serverUrl,
  secret: config.payloadSecret,
  telemetry: false,
  // refused requests (4xx) at info, LOG_LEVEL, and a file instead of the terminal under Jest: src/logging/payloadLogger.ts
  logger: payloadLogger(),
  // Sites served from elsewhere (the static export, SITE_ORIGINS) call the API from the browser with the session
  // cookie: CORS must name them and allow credentials, and the CSRF check must accept their Origin. Payload adds
  // serverURL to csrf itself; an empty SITE_ORIGINS leaves CORS off, as before.
  cors: config.siteOrigins.length ? { origins: [...config.siteOrigins], headers: [] } : undefined,
  csrf: [...config.siteOrigins], // a copy: Payload pushes serverURL onto it
  admin: {
    user: Users.slug,
    importMap: { baseDir: path.resolve(dirname, 'src') },
    meta: { titleSuffix: ' — Jobline Ops' },
    // Payload's default is Gravatar (an image from www.gravatar.com in the header): the admin must work offline
    avatar: 'default',
    components: {
      // the Ops console: fulfillment KPIs and the reminder chart above the collections
      beforeDashboard: ['/components/admin/KpiDashboard#KpiDashboard'],
      afterNavLinks: ['/components/admin/PayoutsNavLink#PayoutsNavLink'],
      views: {
        payouts: { Component: '/components/admin/PayoutsView#PayoutsView', path: '/payouts', exact: true, meta: { title: 'Payouts to review' } },
      },
    },
  },
  // who reads which field of which record: src/access/fieldPolicy.ts, applied to every collection the same way
  collections: [
    Users, Jobs, Quotes, Assignments, ScheduleProposals, ReminderLogs, Payouts, AuditEvents, Events, KpiSnapshots, WorkerHeartbeats,
    WebhookEndpoints, WebhookDeliveries,
  ].map(applyFieldPolicy),
  endpoints: [healthEndpoint, oneTapEndpoint, calendarFeed, metricsEndpoint, notificationPreviewEndpoint, openApiEndpoint, apiDocsPage, apiDocsAsset],
  db: postgresAdapter({
    pool: { connectionString: config.databaseUri ?? 'postgres://unset/unset', max: 20 },
    // Schema changes go through committed migrations only: what runs in production is what the tests ran.
    push: false,
    migrationDir: path.resolve(dirname, 'src/migrations'),
    // btree_gist: the exclusion constraint that keeps a provider's scheduled visits from overlapping
    extensions: ['btree_gist'],
    prodMigrations: migrations,
  }),
  email: nodemailerAdapter({
    defaultFromAddress: config.emailFrom.replace(/^.*<(.+)>$/, '$1'),
    defaultFromName: config.emailFromName,
    skipVerify: true,
    // Without SMTP_URL mail is rendered and logged as JSON instead of sent (dev, CI); no external service is contacted.
    transport: config.smtpUrl ? smtpTransport(config.smtpUrl) : nodemailer.createTransport({ jsonTransport: true }),
  }),
  graphQL: {
    disablePlaygroundInProduction: true,
    // the request guard's query rules for GraphQL arguments (where, limit, page, sort), variables resolved
    validationRules: (args) => [graphqlArgumentsRule((args.contextValue as { req: PayloadRequest }).req.payload.config, args.variableValues)],
  },
  jobs: {
    // Queued work carries people's addresses and money: only Ops (or the server itself) may see, queue, run or cancel it.
    access: { run: opsOnly, queue: opsOnly, cancel: opsOnly },
    jobsCollectionOverrides: ({ defaultJobsCollection }) => ({
      ...defaultJobsCollection,
      // its input, output, log and error are JSON: shown in words, since Payload's JSON editor loads from a CDN
      fields: jsonShownAsData(defaultJobsCollection.fields),
      access: { read: opsOnly, create: opsOnly, update: opsOnly, delete: opsOnly },
      admin: { ...defaultJobsCollection.admin, hidden: ({ user }) => user?.role !== 'ops', group: 'Automation' },
    }),
    deleteJobOnComplete: false,
    tasks: [
      sendNotificationTask,
      deliverRemindersTask,
      capturePaymentTask,
      releaseAuthorizationTask,
      autoVerifyTask,
      authorizationWatchTask,
      deliverWebhooksTask,
    ],
  },
  onInit: async (payload) => {
    // a database restart must not end the process (node-postgres re-emits idle connections' errors on the pool)
    survivePoolErrors(payload)
    // two sign-ins of one person at once keep both sessions (Payload's own write loses one: src/db/userSessions.ts)
    serializeSessionWrites(payload)
    lockPayloadInternals(payload)
    // strict dates, relations and selects, no deleting what is referred to, all-or-nothing bulk writes: every collection
    applyInputRules(payload.config)
    // single-process dev mode only (RUN_WORKER_IN_WEB=true); otherwise `npm run worker` runs reminders
    startWorkerInWebIfConfigured(payload)
  },
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts'), autoGenerate: false },
})
