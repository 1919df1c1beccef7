import { mergeKept } from '../../server/proposals/queries/home'
import { viewOf } from '../../server/proposals/queries/list'
import type { ListRow } from '../../server/proposals/queries/select'
import { viewerOf } from '../../server/proposals/policy'

const row = (id: number, cosigns = 0, extra: Partial<ListRow> = {}) =>
  ({ id, cosign_count: cosigns, content_status: 'visible', author_id: null, neighbourhood_id: 1, street_id: 9, ...extra }) as ListRow
const ids = (rows: ListRow[]) => rows.map((r) => r.id)
const viewer = (userId: number) => viewerOf({ userId, grants: [], residence: { buildingId: 3, room: '101', chain: [3, 2, 1, 9] } } as never)

describe('lists kept per unit, merged and viewed per caller', () => {
  it('merges in the list’s order and stops where a unit’s kept rows ran out', () => {
    const whole = mergeKept([{ rows: [row(9), row(4)], capped: false }, { rows: [row(8), row(2)], capped: false }], 'newest')
    expect(whole).toEqual({ rows: [row(9), row(8), row(4), row(2)], capped: false })
    // The second unit kept only down to 6: its rows below may be missing, so the list ends at 6.
    const cut = mergeKept([{ rows: [row(9), row(4), row(1)], capped: false }, { rows: [row(8), row(6)], capped: true }], 'newest')
    expect(cut).toEqual({ rows: [row(9), row(8), row(6)], capped: true })
    const byCosigns = mergeKept([{ rows: [row(1, 9), row(5, 3)], capped: true }, { rows: [row(2, 7), row(3, 7)], capped: false }], 'cosigns')
    expect(ids(byCosigns.rows)).toEqual([1, 3, 2, 5])
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
