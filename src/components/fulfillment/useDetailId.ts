'use client'

import { useParams, useSearchParams } from 'next/navigation'

/**
 * The record id of a detail page, from `/jobs/12` or `/jobs/view?id=12` alike: the query-string form is for static
 * hosts, which cannot serve a path per record. NaN when absent or not a positive whole number.
 */
export function useDetailId(): number {
  const params = useParams<{ id?: string }>()
  const search = useSearchParams()
  const raw = params?.id ?? search.get('id') ?? ''
  return /^\d+$/.test(raw) && Number(raw) > 0 ? Number(raw) : Number.NaN
}
