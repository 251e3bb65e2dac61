import { NOTIFICATIONS_QUEUE } from '../services/notifications'

/**
 * The Payload queues `npm run worker` runs: `default`, which carries notification deliveries and the app's other
 * tasks (payment captures, card-hold releases). A task queued elsewhere needs its queue added here. Nothing else runs
 * them: the web process never does unless RUN_WORKER_IN_WEB=true.
 */
export const WORKER_QUEUES: readonly string[] = [...new Set([NOTIFICATIONS_QUEUE, 'default'])]
