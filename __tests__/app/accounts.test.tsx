/** Logic behind the residence and committee screens, and the idempotency key fallback. */
import './taro-h5'
import type { UnitNode } from '@yishi/types'
import { checkRoom, listEstates, residenceView } from '@/accounts/residence'
import { checkReason } from '@/committee/api'
import { newIdempotencyKey } from '@/shared/request'
import { hasLiveSession, isCommittee } from '@/accounts/session'

function node(id: number, level: UnitNode['level'], name: string, children: UnitNode[] = []): UnitNode {
  return { id, parentId: null, level, name, housingType: level === 'estate' ? 'public_sold' : null, households: 10, verifiedHouseholds: 3, children }
}

test('listEstates flattens the tree into 小区 with their 楼组 and 居民区 name', () => {
  const tree = [
    node(1, 'street', '长寿路街道', [
      node(2, 'neighbourhood', '康乐居民区', [node(3, 'estate', '康乐小区', [node(4, 'building', '1号楼'), node(5, 'building', '2号楼')])]),
      node(6, 'neighbourhood', '普陀居民区', [node(7, 'estate', '新村', [])]),
    ]),
  ]
  expect(listEstates(tree)).toEqual([
    { id: 3, name: '康乐小区', neighbourhoodName: '康乐居民区', buildings: [expect.objectContaining({ id: 4 }), expect.objectContaining({ id: 5 })] },
    { id: 7, name: '新村', neighbourhoodName: '普陀居民区', buildings: [] },
  ])
})

test('checkRoom wants a short room with a number in it', () => {
  expect(checkRoom('302')).toBeNull()
  expect(checkRoom(' 2单元502 ')).toBeNull()
  expect(checkRoom('')).toMatch(/请填写房号/)
  expect(checkRoom('   ')).toMatch(/请填写房号/)
  expect(checkRoom('三楼')).toMatch(/数字/)
  expect(checkRoom('1'.repeat(21))).toMatch(/最多/)
})

test('residenceView tells each state in plain words', () => {
  const base = { id: 1, label: '3号楼居民', roles: [], verified: false, privacyAcceptedAt: null }
  const r = {
    id: 1, buildingId: 4, buildingName: '3号楼', estateName: '康乐小区', neighbourhoodId: 2, neighbourhoodName: '康乐居民区',
    room: '302', status: 'pending' as const, reason: null, isRepresentative: false, requestedAt: '', reviewedAt: null,
  }
  expect(residenceView({ ...base, residence: null })).toMatchObject({ kind: 'none', action: '去认证' })
  expect(residenceView({ ...base, residence: r })).toMatchObject({ kind: 'pending', title: '审核中', action: null })
  expect(residenceView({ ...base, residence: { ...r, status: 'rejected', reason: '房号不对' } }).text).toContain('房号不对')
  expect(residenceView({ ...base, verified: true, residence: { ...r, status: 'approved', isRepresentative: true } }).title).toBe('康乐小区 3号楼 居民代表')
})

test('a reject reason is required and bounded', () => {
  expect(checkReason('房号与楼组对不上')).toBeNull()
  expect(checkReason('  ')).not.toBeNull()
  expect(checkReason('很'.repeat(101))).not.toBeNull()
})

test('idempotency keys are v4 UUIDs even without crypto.randomUUID (the mini-program)', () => {
  const original = globalThis.crypto
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true })
  try {
    const keys = new Set(Array.from({ length: 200 }, () => newIdempotencyKey()))
    expect(keys.size).toBe(200)
    for (const k of keys) expect(k).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  } finally {
    Object.defineProperty(globalThis, 'crypto', { value: original, configurable: true })
  }
})

test('sessions: expiry and committee roles', () => {
  expect(hasLiveSession({ token: null, expiresAt: null })).toBe(false)
  expect(hasLiveSession({ token: 't', expiresAt: '2000-01-01T00:00:00Z' })).toBe(false)
  expect(hasLiveSession({ token: 't', expiresAt: '2999-01-01T00:00:00Z' })).toBe(true)
  const me = { id: 1, label: '居委会', residence: null, verified: false, privacyAcceptedAt: null }
  expect(isCommittee({ ...me, roles: [] })).toBe(false)
  expect(isCommittee({ ...me, roles: [{ role: 'moderator', unitId: 2, unitName: '康乐居民区', unitLevel: 'neighbourhood' }] })).toBe(true)
})
