import type { Principal } from '../../server/accounts'
import { defaultNeighbourhood, indicatorRefusal } from '../../server/indicators/policy'

const chain = [10, 1]
const neighbourhood = { level: 'neighbourhood' as const, chain }
const resident: Principal = { userId: 1, grants: [], referees: [], residence: { buildingId: 1000, buildingName: '1号楼', room: '101', chain: [1000, 100, 10, 1] } }
const moderator: Principal = { userId: 2, grants: [{ role: 'moderator', unitId: 10 }], referees: [], residence: null }
const admin: Principal = { userId: 3, grants: [{ role: 'admin', unitId: 1 }, { role: 'moderator', unitId: 20 }], referees: [], residence: null }
const code = (e: { statusCode: number; code: string } | null) => (e ? `${e.statusCode} ${e.code}` : null)

describe('index policy', () => {
  it('picks the 居民区 asked for, else the caller’s home, else the one they moderate', () => {
    expect(defaultNeighbourhood(resident, 30, 10)).toBe(30)
    expect(defaultNeighbourhood(resident, undefined, 10)).toBe(10)
    expect(defaultNeighbourhood(admin, undefined, null)).toBe(20)
    expect(defaultNeighbourhood(moderator, undefined, null)).toBe(10)
    expect(defaultNeighbourhood({ userId: 4, grants: [], referees: [], residence: null }, undefined, null)).toBeUndefined()
  })

  it('computes the index per 居民区 only', () => {
    expect(code(indicatorRefusal(admin, 'indicators.read', null))).toBe('400 invalid_input')
    expect(code(indicatorRefusal(admin, 'indicators.read', { level: 'estate', chain: [100, 10, 1] }))).toBe('400 invalid_input')
  })

  it('lets the 街镇 enter values, its committees read, residents see the summary', () => {
    expect(indicatorRefusal(admin, 'indicators.input', neighbourhood)).toBeNull()
    expect(code(indicatorRefusal(moderator, 'indicators.input', neighbourhood))).toBe('403 forbidden')
    expect(indicatorRefusal(moderator, 'indicators.read', neighbourhood)).toBeNull()
    expect(code(indicatorRefusal(resident, 'indicators.read', neighbourhood))).toBe('403 forbidden')
    expect(indicatorRefusal(resident, 'indicators.summary', neighbourhood)).toBeNull()
  })
})
