import { AssignmentTimeline as AssignmentTimeline_0f7dc0139b96b2e03315139f454de920 } from '../../../components/admin/AssignmentTimeline'
import { PayoutsNavLink as PayoutsNavLink_b1ceaab2c58dc57f6b1e7b8a37a02610 } from '../../../components/admin/PayoutsNavLink'
import { KpiDashboard as KpiDashboard_f132ad695321b0ca247edf7bc8175c46 } from '../../../components/admin/KpiDashboard'
import { PayoutsView as PayoutsView_1eaa8a7bb474f5623925eb95d0add3e4 } from '../../../components/admin/PayoutsView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/components/admin/AssignmentTimeline#AssignmentTimeline": AssignmentTimeline_0f7dc0139b96b2e03315139f454de920,
  "/components/admin/PayoutsNavLink#PayoutsNavLink": PayoutsNavLink_b1ceaab2c58dc57f6b1e7b8a37a02610,
  "/components/admin/KpiDashboard#KpiDashboard": KpiDashboard_f132ad695321b0ca247edf7bc8175c46,
  "/components/admin/PayoutsView#PayoutsView": PayoutsView_1eaa8a7bb474f5623925eb95d0add3e4,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
