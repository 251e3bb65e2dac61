/** The Ops queues of `/admin/payouts` (`?tab=`), for the view, its tabs and the sidebar links. */
export const QUEUE_TABS = [
  { key: 'review', title: 'Payouts to review', nav: 'Review payouts' },
  { key: 'disputes', title: 'Open disputes', nav: 'Disputes' },
  { key: 'failed', title: 'Failed captures', nav: 'Failed captures' },
] as const
export type QueueTab = (typeof QUEUE_TABS)[number]['key']

export const queueTabOf = (v: unknown): QueueTab => (QUEUE_TABS.some((t) => t.key === v) ? (v as QueueTab) : 'review')

export const queuePath = (adminRoute: string, tab: QueueTab) => `${adminRoute}/payouts${tab === 'review' ? '' : `?tab=${tab}`}`
