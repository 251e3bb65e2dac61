import { JobWorkbench as JobWorkbench_364bfd5c44026fc3cc03c510cc1801e6 } from '../../../components/admin/workbench/JobWorkbench'
import { AssignmentWorkbench as AssignmentWorkbench_85b0c6c5e45da051f5e54f2b5066d6b3 } from '../../../components/admin/workbench/AssignmentWorkbench'
import { CompletionChecklist as CompletionChecklist_2c2000fc16734c7a4ec7a93c300520f0 } from '../../../components/admin/CompletionChecklist'
import { DataView as DataView_3e64d9f992a8d7e1d6cc24e12675b3ce } from '../../../components/admin/DataView'
import { WebhookEndpointPanel as WebhookEndpointPanel_81643fb9050601daf3799742985935a6 } from '../../../components/admin/WebhookEndpointPanel'
import { PayoutsNavLink as PayoutsNavLink_b1ceaab2c58dc57f6b1e7b8a37a02610 } from '../../../components/admin/PayoutsNavLink'
import { KpiDashboard as KpiDashboard_f132ad695321b0ca247edf7bc8175c46 } from '../../../components/admin/KpiDashboard'
import { PayoutsView as PayoutsView_1eaa8a7bb474f5623925eb95d0add3e4 } from '../../../components/admin/PayoutsView'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/components/admin/workbench/JobWorkbench#JobWorkbench": JobWorkbench_364bfd5c44026fc3cc03c510cc1801e6,
  "/components/admin/workbench/AssignmentWorkbench#AssignmentWorkbench": AssignmentWorkbench_85b0c6c5e45da051f5e54f2b5066d6b3,
  "/components/admin/CompletionChecklist#CompletionChecklist": CompletionChecklist_2c2000fc16734c7a4ec7a93c300520f0,
  "/components/admin/DataView#DataView": DataView_3e64d9f992a8d7e1d6cc24e12675b3ce,
  "/components/admin/WebhookEndpointPanel#WebhookEndpointPanel": WebhookEndpointPanel_81643fb9050601daf3799742985935a6,
  "/components/admin/PayoutsNavLink#PayoutsNavLink": PayoutsNavLink_b1ceaab2c58dc57f6b1e7b8a37a02610,
  "/components/admin/KpiDashboard#KpiDashboard": KpiDashboard_f132ad695321b0ca247edf7bc8175c46,
  "/components/admin/PayoutsView#PayoutsView": PayoutsView_1eaa8a7bb474f5623925eb95d0add3e4,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
