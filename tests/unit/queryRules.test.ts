import { describe, expect, it } from '@jest/globals'

import { checkPaging, checkSort, checkWhere, QUERY_BOUNDS, resolvePath, type QuerySchema } from '../../src/domain/queryRules'

const schema: QuerySchema = {
  jobs: {
    id: { kind: 'id' },
    title: { kind: 'text' },
    status: { kind: 'select', options: ['open', 'assigned'] },
    customer: { kind: 'relationship', relationTo: 'users' },
    excludedProviders: { kind: 'relationship', relationTo: 'users', hasMany: true },
    createdAt: { kind: 'date' },
    serviceAddress: { kind: 'group', fields: { city: { kind: 'text' } } },
    notes: { kind: 'other' },
    owner: { kind: 'polymorphic' },
  },
  users: { id: { kind: 'id' }, email: { kind: 'text' }, age: { kind: 'number' }, active: { kind: 'checkbox' } },
}
const where = (w: unknown) => checkWhere(w, schema, 'jobs')
const param = (w: unknown) => where(w)[0]?.param

describe('page, limit, depth', () => {
  it('accepts the bounds and refuses past them, naming the parameter', () => {
    expect(checkPaging({ page: '1', limit: '500', depth: '3' })).toEqual([])
    expect(checkPaging({ page: 3, limit: 1, depth: 0 })).toEqual([])
    for (const [k, v] of [['page', '-5'], ['page', '0'], ['page', 'abc'], ['page', '1.5'], ['limit', '0'], ['limit', '501'], ['depth', '4'], ['depth', '-1'], ['limit', ['1']], ['page', '1e3']])
      expect(checkPaging({ [k as string]: v })[0]?.param).toBe(k)
  })

  it('pagination=false needs a limit', () => {
    expect(checkPaging({ pagination: 'false' })[0]?.param).toBe('pagination')
    expect(checkPaging({ pagination: 'false', limit: '10' })).toEqual([])
    expect(checkPaging({ pagination: 'maybe' })[0]?.param).toBe('pagination')
  })
})

describe('where', () => {
  it('accepts well-typed conditions, nested and/or, and relationship paths', () => {
    expect(where({ id: { in: '1,2,3' }, title: { like: 'tap' }, status: { equals: 'open' } })).toEqual([])
    expect(where({ or: [{ customer: { equals: '5' } }, { and: [{ createdAt: { greater_than: '2027-01-01' } }] }] })).toEqual([])
    expect(where({ 'customer.email': { equals: 'a@b.c' }, 'serviceAddress.city': { contains: 'Bos' } })).toEqual([])
    expect(where({ createdAt: { less_than: '2027-01-12T09:00:00-05:00' }, customer: { exists: 'false' } })).toEqual([])
    expect(where({ excludedProviders: { all: ['1', '2'] } })).toEqual([])
  })

  it('refuses values not of the field type, naming the parameter', () => {
    expect(param({ id: { equals: 'abc' } })).toBe('where[id][equals]')
    expect(param({ id: { equals: '2147483648' } })).toBe('where[id][equals]')
    expect(param({ id: { in: ['1', 'x'] } })).toBe('where[id][in][1]')
    expect(param({ customer: { equals: '1e20' } })).toBe('where[customer][equals]')
    expect(param({ createdAt: { greater_than: '2027-02-30' } })).toBe('where[createdAt][greater_than]')
    expect(param({ createdAt: { greater_than: '2027-01-12T09:00:00' } })).toBe('where[createdAt][greater_than]')
    expect(param({ status: { equals: 'bogus' } })).toBe('where[status][equals]')
    expect(param({ 'customer.age': { equals: 'old' } })).toBe('where[customer.age][equals]')
    expect(param({ 'customer.active': { equals: 'maybe' } })).toBe('where[customer.active][equals]')
    expect(param({ title: { equals: { nested: 1 } } })).toBe('where[title][equals]')
  })

  it('refuses unknown operators, operators a field cannot take, and unknown or unqueryable paths', () => {
    expect(param({ title: { bogus: 'x' } })).toBe('where[title][bogus]')
    expect(param({ id: { like: '1' } })).toBe('where[id][like]')
    expect(param({ title: { all: ['a'] } })).toBe('where[title][all]')
    expect(param({ title: { near: '1,2' } })).toBe('where[title][near]')
    expect(param({ notes: { equals: 'x' } })).toBe('where[notes][equals]')
    expect(param({ nope: { equals: 1 } })).toBe('where[nope]')
    expect(param({ owner: { equals: 1 } })).toBe('where[owner]')
    expect(param({ serviceAddress: { equals: 'x' } })).toBe('where[serviceAddress]')
    expect(param({ title: 'x' })).toBe('where[title]')
    expect(param('not an object')).toBe('where')
    expect(param({ and: 'x' })).toBe('where[and]')
  })

  it('bounds lists, conditions and nesting', () => {
    const members = Array.from({ length: QUERY_BOUNDS.maxListMembers + 1 }, (_, i) => String(i + 1))
    expect(where({ id: { in: members } })[0]).toMatchObject({ param: 'where[id][in]', message: expect.stringContaining('at most 500') })
    expect(where({ id: { in: members.join(',') } })[0]?.param).toBe('where[id][in]')
    const many = { or: Array.from({ length: QUERY_BOUNDS.maxConditions + 1 }, (_, i) => ({ id: { equals: String(i + 1) } })) }
    expect(where(many)[0]?.param).toBe('where')
    let deep: unknown = { id: { equals: '1' } }
    for (let i = 0; i < QUERY_BOUNDS.maxNesting + 1; i++) deep = { and: [deep] }
    expect(where(deep)).toHaveLength(1)
  })

  it('follows relationships into the related collection', () => {
    expect(resolvePath(schema, 'jobs', 'customer.email')).toEqual({ kind: 'text' })
    expect(resolvePath(schema, 'jobs', 'customer.nope')).toBeUndefined()
    expect(resolvePath(schema, 'jobs', 'a.b.c.d.e')).toBeUndefined()
    expect(resolvePath(schema, 'jobs', '__proto__')).toBeUndefined()
  })
})

describe('sort', () => {
  it('takes known sortable fields only', () => {
    expect(checkSort('-createdAt,title', schema, 'jobs')).toEqual([])
    expect(checkSort(['customer.email'], schema, 'jobs')).toEqual([])
    expect(checkSort('nope', schema, 'jobs')[0]?.param).toBe('sort')
    expect(checkSort('notes', schema, 'jobs')[0]?.param).toBe('sort')
    expect(checkSort({ a: 1 }, schema, 'jobs')[0]?.param).toBe('sort')
    expect(checkSort('a,b,c,d,e,f,g,h,i,j,k', schema, 'jobs')[0]?.param).toBe('sort')
  })
})
