import { can, isStaffFor, livesIn, privacyLabel, type Principal } from '../../server/accounts'
import { refuseUnlessDevMode } from '../../server/accounts/policy'

// Unit ids: street 1 → 居民区 2 and 3 → 小区 20 (under 2) → 楼组 200.
const WUTONG_BUILDING = [200, 20, 2, 1]
const XIANGZHANG_BUILDING = [300, 30, 3, 1]

const resident: Principal = { userId: 10, grants: [], referees: [], residence: { buildingId: 200, buildingName: '1号楼', room: '101', chain: WUTONG_BUILDING } }
const unverified: Principal = { userId: 11, grants: [], referees: [], residence: null }
const moderator: Principal = { userId: 12, grants: [{ role: 'moderator', unitId: 2 }], referees: [], residence: null }
const admin: Principal = { userId: 13, grants: [{ role: 'admin', unitId: 1 }], referees: [], residence: null }
const propertyRep: Principal = { userId: 14, grants: [], referees: [{ role: 'property', unitId: 2 }], residence: null }

describe('permissions', () => {
  it('lets nobody anonymous do anything', () => {
    for (const action of ['units.read', 'me.read', 'residence.request', 'verifications.list', 'verifications.review'] as const) {
      expect(can(null, action, WUTONG_BUILDING)).toBe(false)
    }
  })

  it('gives a 物业 representative none of the committee powers', () => {
    for (const action of ['verifications.list', 'verifications.review', 'proposals.manage', 'proposals.read', 'topics.read', 'surveys.manage', 'indicators.read'] as const) {
      expect(can(propertyRep, action, WUTONG_BUILDING)).toBe(false)
    }
  })

  it('keeps a moderator to their own 居民区', () => {
    expect(can(moderator, 'verifications.review', WUTONG_BUILDING)).toBe(true)
    expect(can(moderator, 'verifications.review', XIANGZHANG_BUILDING)).toBe(false)
    expect(isStaffFor(moderator, [1])).toBe(false)
  })

  it('lets a 街镇 admin act in every 居民区 of the 街镇', () => {
    expect(can(admin, 'verifications.review', WUTONG_BUILDING)).toBe(true)
    expect(can(admin, 'verifications.review', XIANGZHANG_BUILDING)).toBe(true)
    expect(can(admin, 'verifications.review', [900, 90, 9, 8])).toBe(false)
    expect(can(admin, 'contentWords.manage')).toBe(true)
    expect(can(moderator, 'contentWords.manage')).toBe(false)
  })

  it('gives residents no review powers', () => {
    expect(can(resident, 'verifications.list')).toBe(false)
    expect(can(resident, 'verifications.review', WUTONG_BUILDING)).toBe(false)
    expect(can(unverified, 'residence.request')).toBe(true)
  })

  it('knows where a verified resident lives', () => {
    expect(livesIn(resident, [20, 2, 1])).toBe(true)
    expect(livesIn(resident, [2, 1])).toBe(true)
    expect(livesIn(resident, [30, 3, 1])).toBe(false)
    expect(livesIn(unverified, [2, 1])).toBe(false)
  })
})

describe('privacy labels', () => {
  it('shows residents by building and staff as the committee', () => {
    expect(privacyLabel({ buildingName: '3号楼', isStaff: false })).toBe('3号楼居民')
    expect(privacyLabel({ buildingName: null, isStaff: false })).toBe('居民')
    expect(privacyLabel({ buildingName: '3号楼', isStaff: true })).toBe('居委会')
  })
})

describe('dev mode', () => {
  it('allows demo logins only on a server started in dev mode', () => {
    expect(() => refuseUnlessDevMode('dev')).not.toThrow()
    expect(() => refuseUnlessDevMode('wechat')).toThrow('演示登录只在开发模式下可用')
  })
})
