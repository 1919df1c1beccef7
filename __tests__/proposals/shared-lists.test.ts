import { ofUnits } from '../../server/proposals/queries/home'
import { viewOf } from '../../server/proposals/queries/list'
import type { ListRow } from '../../server/proposals/queries/select'
import { viewerOf } from '../../server/proposals/policy'

const row = (id: number, cosigns = 0, extra: Partial<ListRow> = {}) =>
  ({ id, cosign_count: cosigns, content_status: 'visible', author_id: null, neighbourhood_id: 1, street_id: 9, ...extra }) as ListRow
const ids = (rows: ListRow[]) => rows.map((r) => r.id)
const viewer = (userId: number) => viewerOf({ userId, grants: [], residence: { buildingId: 3, buildingName: '1号楼', room: '101', chain: [3, 2, 1, 9] } } as never)

describe('lists kept per 居民区, viewed per caller', () => {
  it('narrows a 居民区’s kept rows to the caller’s units, in order, and keeps them capped', () => {
    const kept = { rows: [row(9, 0, { unit_id: 3 }), row(8, 0, { unit_id: 4 }), row(6, 0, { unit_id: 1 }), row(2, 0, { unit_id: 2 })], capped: false }
    expect(ofUnits(kept, [3, 2, 1])).toEqual({ rows: [row(9, 0, { unit_id: 3 }), row(6, 0, { unit_id: 1 }), row(2, 0, { unit_id: 2 })], capped: false })
    // The 居民区 kept only some of its rows: the caller's page may need rows that were not kept.
    const cut = ofUnits({ ...kept, capped: true }, [4])
    expect(cut).toEqual({ rows: [row(8, 0, { unit_id: 4 })], capped: true })
    expect(viewOf(viewer(8), cut, { sort: 'newest', limit: 2 }, () => true)).toBeNull()
  })

  it('narrows a kept list once per 楼组, each 楼组 to its own units, and a list read afresh anew', () => {
    const kept = { rows: [row(9, 0, { unit_id: 3 }), row(8, 0, { unit_id: 4 }), row(6, 0, { unit_id: 1 })], capped: false }
    const first = ofUnits(kept, [3, 2, 1])
    expect(ofUnits(kept, [3, 2, 1])).toBe(first)
    expect(ids(ofUnits(kept, [4, 2, 1]).rows)).toEqual([8, 6])
    expect(ids(first.rows)).toEqual([9, 6])
    const afresh = { rows: [row(10, 0, { unit_id: 3 }), ...kept.rows], capped: false }
    expect(ids(ofUnits(afresh, [3, 2, 1]).rows)).toEqual([10, 9, 6])
  })

  it('shows each caller what they may see, and reads afresh when their view runs past the kept rows', () => {
    const kept = { rows: [row(5), row(4, 0, { content_status: 'pending_review', author_id: 7 }), row(3), row(2)], capped: false }
    expect(ids(viewOf(viewer(7), kept, { sort: 'newest', limit: 3 }, () => true)!.rows)).toEqual([5, 4, 3])
    const other = viewOf(viewer(8), kept, { sort: 'newest', limit: 2 }, () => true)!
    expect(ids(other.rows)).toEqual([5, 3])
    expect(other.nextCursor).not.toBeNull()
    expect(viewOf(viewer(8), kept, { sort: 'newest', limit: 3 }, () => true)).toEqual({ rows: [row(5), row(3), row(2)], nextCursor: null })
    // Capped: a short page may be short only because rows were not kept.
    expect(viewOf(viewer(8), { ...kept, capped: true }, { sort: 'newest', limit: 3 }, () => true)).toBeNull()
    expect(viewOf(viewer(8), { ...kept, capped: true }, { sort: 'newest', limit: 3 }, (r) => r.id !== 5)).toBeNull()
    expect(ids(viewOf(viewer(8), { ...kept, capped: true }, { sort: 'newest', limit: 2 }, () => true)!.rows)).toEqual([5, 3])
  })
})
