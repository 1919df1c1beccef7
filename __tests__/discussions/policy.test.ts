import type { Principal } from '../../server/accounts'
import {
  cannotPostReason,
  chainOf,
  deleteCheck,
  enforce,
  likeCheck,
  moderateTopicCheck,
  mutedCheck,
  openTopicCheck,
  postAsCheck,
  postCheck,
  readTopicCheck,
  stanceCheck,
  viewerFor,
  withdrawStanceCheck,
  writableCheck,
  type TopicScope,
} from '../../server/discussions/policy'

// Unit ids: street 1 → 居民区 2 and 3 → 小区 20 (under 2) → 楼组 200, 201; 香樟 is 3 → 30 → 300.
const resident: Principal = { userId: 10, grants: [], referees: [], residence: { buildingId: 200, buildingName: '1号楼', room: '101', chain: [200, 20, 2, 1] } }
const neighbour: Principal = { userId: 14, grants: [], referees: [], residence: { buildingId: 201, buildingName: '1号楼', room: '101', chain: [201, 20, 2, 1] } }
const outsider: Principal = { userId: 16, grants: [], referees: [], residence: { buildingId: 300, buildingName: '1号楼', room: '101', chain: [300, 30, 3, 1] } }
const unverified: Principal = { userId: 11, grants: [], referees: [], residence: null }
const moderator: Principal = { userId: 12, grants: [{ role: 'moderator', unitId: 2 }], referees: [], residence: null }
const otherModerator: Principal = { userId: 15, grants: [{ role: 'moderator', unitId: 3 }], referees: [], residence: null }
const admin: Principal = { userId: 13, grants: [{ role: 'admin', unitId: 1 }], referees: [], residence: null }

const NOW = new Date('2025-03-01T02:00:00.000Z')
const topic: TopicScope = { unit_id: 200, c1: 20, c2: 2, c3: 1, unit_name: '梧桐新村3号楼', neighbourhood_id: 2, state: 'open', pending: 0, closes_at: null }
const post = { author_id: 10, status: 'published' as const }
const mutes = new Map([[2, { endsAt: '2025-03-04T02:00:00.000Z', reason: '刷屏' }]])

describe('议事厅 policy', () => {
  it('reads a topic in its 居民区; a pending topic exists for its staff only', () => {
    expect(chainOf(topic)).toEqual([200, 20, 2, 1])
    for (const p of [resident, neighbour, moderator, admin]) expect(readTopicCheck(p, topic)).toEqual({ ok: true })
    expect(readTopicCheck(outsider, topic)).toMatchObject({ ok: false, status: 403 })
    expect(readTopicCheck(otherModerator, topic)).toMatchObject({ ok: false, status: 403 })
    expect(readTopicCheck(resident, { ...topic, pending: 1 })).toMatchObject({ ok: false, status: 404 })
    expect(readTopicCheck(moderator, { ...topic, pending: 1 })).toEqual({ ok: true })
  })

  it('lets the committee open and manage topics', () => {
    expect(openTopicCheck(moderator, [200, 20, 2, 1]).ok).toBe(true)
    expect(openTopicCheck(admin, [2, 1]).ok).toBe(true)
    expect(openTopicCheck(resident, [200, 20, 2, 1])).toMatchObject({ ok: false, message: '只有本居民区的居委会可以发起议题' })
    expect(moderateTopicCheck(moderator, topic).ok).toBe(true)
    expect(moderateTopicCheck(otherModerator, topic)).toMatchObject({ ok: false, status: 403 })
  })

  it("lets the unit's verified residents and its committee post", () => {
    expect(postCheck(resident, topic).ok).toBe(true)
    expect(postCheck(moderator, topic).ok).toBe(true)
    expect(postCheck(neighbour, topic)).toMatchObject({ ok: false, message: '本议题仅限梧桐新村3号楼的认证居民发言' })
    expect(postCheck(unverified, topic)).toMatchObject({ ok: false, message: '完成居民认证后才能发言' })
    expect(postAsCheck(resident, topic, { official: true })).toMatchObject({ ok: false, message: '只有居委会可以发布官方回复' })
    expect(postAsCheck(moderator, topic, { official: true }).ok).toBe(true)
    expect(postAsCheck(moderator, topic, { stance: 'support' })).toMatchObject({ ok: false, message: '居委会成员不参与表态' })
  })

  it('keeps a muted resident quiet in that 居民区 only, and never staff', () => {
    expect(mutedCheck(resident, topic, mutes)).toMatchObject({ ok: false, status: 403, code: 'muted', details: { endsAt: '2025-03-04T02:00:00.000Z' } })
    expect(mutedCheck(resident, { ...topic, neighbourhood_id: 3 }, mutes).ok).toBe(true)
    expect(mutedCheck(moderator, topic, mutes).ok).toBe(true)
    expect(() => enforce(mutedCheck(resident, topic, mutes))).toThrow('您已被禁言至 2025年3月4日 10:00（原因：刷屏），期间不能发言')
  })

  it('says why the input box is closed, first reason first', () => {
    expect(cannotPostReason(resident, topic, NOW, new Map())).toBeNull()
    expect(cannotPostReason(neighbour, { ...topic, state: 'locked' }, NOW, mutes)).toBe('本议题仅限梧桐新村3号楼的认证居民发言')
    expect(cannotPostReason(resident, { ...topic, state: 'locked' }, NOW, mutes)).toBe('议题已锁定，暂时不能发言')
    expect(cannotPostReason(resident, topic, NOW, mutes)).toMatch(/^您已被禁言/)
    expect(writableCheck({ ...topic, closes_at: '2025-03-01T01:00:00.000Z' }, NOW)).toMatchObject({ ok: false, status: 409, code: 'topic_read_only' })
  })

  it("leaves stances and likes to residents, and likes to other people's published posts", () => {
    expect(stanceCheck(resident, topic).ok).toBe(true)
    expect(stanceCheck(moderator, topic)).toMatchObject({ ok: false, message: '居委会成员不参与表态' })
    expect(stanceCheck(neighbour, topic)).toMatchObject({ ok: false, message: '本议题仅限梧桐新村3号楼的认证居民表态' })
    expect(withdrawStanceCheck(moderator, topic)).toMatchObject({ ok: false, message: '您没有在这个议题表态' })
    const theirs = { author_id: 99, status: 'published' as const }
    expect(likeCheck(resident, topic, theirs).ok).toBe(true)
    expect(likeCheck(resident, topic, post)).toMatchObject({ ok: false, status: 409, code: 'own_post' })
    expect(likeCheck(resident, topic, { ...theirs, status: 'hidden' })).toMatchObject({ ok: false, code: 'post_unavailable' })
    expect(likeCheck(admin, topic, theirs)).toMatchObject({ ok: false, message: '居委会成员不参与赞同' })
  })

  it('lets only the author delete a post, once', () => {
    expect(deleteCheck(post, 10).ok).toBe(true)
    expect(deleteCheck(post, 14)).toMatchObject({ ok: false, status: 403 })
    expect(deleteCheck({ ...post, status: 'deleted' }, 10)).toMatchObject({ ok: false, status: 404 })
  })

  it('shows staff of the 居民区 the moderation view', () => {
    expect(viewerFor(admin, topic)).toEqual({ userId: 13, isStaff: true })
    expect(viewerFor(otherModerator, topic)).toEqual({ userId: 15, isStaff: false })
  })
})
