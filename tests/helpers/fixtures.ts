import type { Payload } from 'payload'

import { DEV_PASSWORD, seed } from '../../src/seed'
import { ApiClient } from './client'

export type Actor = 'anonymous' | 'customerA' | 'customerB' | 'provider1' | 'provider2' | 'ops'
export const ACTORS: Actor[] = ['anonymous', 'customerA', 'customerB', 'provider1', 'provider2', 'ops']

const EMAILS: Record<Exclude<Actor, 'anonymous'>, string> = {
  ops: 'ops@jobline.local',
  customerA: 'alice@jobline.local',
  customerB: 'bob@jobline.local',
  provider1: 'pat@jobline.local',
  provider2: 'quinn@jobline.local',
}

export type World = {
  clients: Record<Actor, ApiClient>
  ids: Record<Exclude<Actor, 'anonymous'>, number>
}

/** The demo data, and a signed-in HTTP client for each role we test as. */
export async function seedWorld(payload: Payload, baseUrl: string): Promise<World> {
  await seed(payload)
  const clients = { anonymous: new ApiClient(baseUrl) } as Record<Actor, ApiClient>
  const ids = {} as World['ids']
  for (const [actor, email] of Object.entries(EMAILS) as [Exclude<Actor, 'anonymous'>, string][]) {
    clients[actor] = await ApiClient.login(baseUrl, email, DEV_PASSWORD)
    const { docs } = await payload.find({ collection: 'users', where: { email: { equals: email } }, overrideAccess: true })
    ids[actor] = docs[0].id
  }
  return { clients, ids }
}
