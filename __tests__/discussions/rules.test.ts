import { can, type Principal } from '../../server/accounts'
import { decodeCursor, encodeCursor } from '../../server/discussions/cursor'
import { canEdit } from '../../server/discussions/policy'
import {
  countDelta,
  DELETED_PLACEHOLDER,
  isActive,
  neighbourhoodOf,
  presentBody,
  replyVisible,
  rootVisible,
  statusAfterEdit,
  topicReadOnlyReason,
  topicTransition,
} from '../../server/discussions/rules'
import { shanghaiDateTimeText } from '../../types/time'
import { canAppeal, canDecideAppeal } from '../../server/moderation/policy'
import {
  compareQueue,
  decidePostAction,
  hideReasonText,
  muteEndsAt,
  queueKind,
  shouldAutoHide,
} from '../../server/moderation/rules'

// Unit ids: street 1 → 居民区 2 and 3 → 小区 20 (under 2) → 楼组 200, 201.
const B200 = [200, 20, 2, 1]
const B201 = [201, 20, 2, 1]
const XZ = [300, 30, 3, 1]
const resident: Principal = { userId: 10, grants: [], referees: [], residence: { buildingId: 200, buildingName: '1号楼', room: '101', chain: B200 } }
const neighbour: Principal = { userId: 14, grants: [], referees: [], residence: { buildingId: 201, buildingName: '1号楼', room: '101', chain: B201 } }
const unverified: Principal = { userId: 11, grants: [], referees: [], residence: null }
const moderator: Principal = { userId: 12, grants: [{ role: 'moderator', unitId: 2 }], referees: [], residence: null }
const otherModerator: Principal = { userId: 15, grants: [{ role: 'moderator', unitId: 3 }], referees: [], residence: null }
const admin: Principal = { userId: 13, grants: [{ role: 'admin', unitId: 1 }], referees: [], residence: null }

const NOW = new Date('2025-03-01T02:00:00.000Z')

describe('议事厅 permissions', () => {
  it('lets everyone of the 居民区 read, and only residents of the unit (and its staff) post', () => {
    expect(can(resident, 'topics.read', B201)).toBe(true)
    expect(can(neighbour, 'topics.read', B200)).toBe(true)
    expect(can(resident, 'posts.create', B200)).toBe(true)
    expect(can(neighbour, 'posts.create', B200)).toBe(false)
    // A topic of the 小区 or 居民区 is open to everyone living under it.
    expect(can(neighbour, 'posts.create', [20, 2, 1])).toBe(true)
    expect(can(neighbour, 'posts.create', [2, 1])).toBe(true)
    expect(can(resident, 'topics.read', XZ)).toBe(false)
    expect(can(unverified, 'topics.read', B200)).toBe(false)
    expect(can(null, 'topics.read', B200)).toBe(false)
    expect(can(moderator, 'posts.create', B200)).toBe(true)
    expect(can(otherModerator, 'topics.read', B200)).toBe(false)
  })

  it('keeps moderation to the staff of the 居民区 and appeals to admins', () => {
    expect(can(moderator, 'discussions.moderate', B200)).toBe(true)
    expect(can(admin, 'discussions.moderate', B200)).toBe(true)
    expect(can(otherModerator, 'discussions.moderate', B200)).toBe(false)
    expect(can(resident, 'discussions.moderate', B200)).toBe(false)
    expect(can(moderator, 'topics.open', B200)).toBe(true)
    expect(can(resident, 'topics.open', B200)).toBe(false)
    expect(can(admin, 'appeals.decide', B200)).toBe(true)
    expect(can(moderator, 'appeals.decide', B200)).toBe(false)
    expect(canDecideAppeal(admin, B200, 12)).toBe(true)
    expect(canDecideAppeal(admin, B200, 13)).toBe(false)
    expect(canDecideAppeal(moderator, B200, null)).toBe(false)
    expect(neighbourhoodOf(B200)).toBe(2)
    expect(neighbourhoodOf([2, 1])).toBe(2)
  })
})

describe('topic states', () => {
  it('goes open → locked → concluded, and back to open', () => {
    expect(topicTransition('open', false, 'lock')).toEqual({ ok: true, state: 'locked' })
    expect(topicTransition('open', false, 'conclude')).toEqual({ ok: true, state: 'concluded' })
    expect(topicTransition('locked', false, 'conclude')).toEqual({ ok: true, state: 'concluded' })
    expect(topicTransition('locked', false, 'reopen')).toEqual({ ok: true, state: 'open' })
    expect(topicTransition('concluded', false, 'reopen')).toEqual({ ok: true, state: 'open' })
  })

  it('refuses the moves that make no sense, saying which are allowed', () => {
    expect(topicTransition('open', false, 'reopen')).toEqual({ ok: false, message: '议题讨论中，不能重新开放', allowed: ['lock', 'conclude'] })
    expect(topicTransition('concluded', false, 'lock')).toMatchObject({ ok: false, allowed: ['reopen'] })
    expect(topicTransition('open', false, 'approve')).toMatchObject({ ok: false })
    expect(topicTransition('open', true, 'approve')).toEqual({ ok: true, state: 'open' })
  })

  it('is read-only when locked, concluded, pending or past its closing date', () => {
    const open = { state: 'open' as const, pending: 0, closes_at: null }
    expect(topicReadOnlyReason(open, NOW)).toBeNull()
    expect(topicReadOnlyReason({ ...open, state: 'locked' }, NOW)).toBe('议题已锁定，暂时不能发言')
    expect(topicReadOnlyReason({ ...open, state: 'concluded' }, NOW)).toBe('议题已形成议事纪要，讨论已结束')
    expect(topicReadOnlyReason({ ...open, pending: 1 }, NOW)).toBe('议题正在审核中，审核通过后才能发言')
    expect(topicReadOnlyReason({ ...open, closes_at: '2025-03-01T02:00:00.000Z' }, NOW)).toBe('议题已过截止时间，讨论已结束')
    expect(isActive({ ...open, closes_at: '2025-03-01T02:00:01.000Z' }, NOW)).toBe(true)
  })
})

describe('posts', () => {
  const post = { author_id: 10, status: 'published' as const, created_at: '2025-03-01T01:50:00.001Z' }

  it('may be edited by its author for 10 minutes', () => {
    expect(canEdit(post, 10, NOW)).toEqual({ ok: true })
    expect(canEdit({ ...post, created_at: '2025-03-01T01:50:00.000Z' }, 10, NOW)).toMatchObject({ ok: false, code: 'edit_window_closed', status: 409 })
    expect(canEdit(post, 14, NOW)).toMatchObject({ ok: false, status: 403 })
    expect(canEdit({ ...post, status: 'hidden' }, 10, NOW)).toMatchObject({ ok: false, code: 'post_hidden' })
    expect(canEdit({ ...post, status: 'pending' }, 10, NOW)).toEqual({ ok: true })
    expect(statusAfterEdit('review')).toBe('pending')
    expect(statusAfterEdit('pass')).toBe('published')
  })

  it('counts published posts only', () => {
    expect(countDelta(null, 'published')).toBe(1)
    expect(countDelta(null, 'pending')).toBe(0)
    expect(countDelta('published', 'hidden')).toBe(-1)
    expect(countDelta('hidden', 'published')).toBe(1)
    expect(countDelta('pending', 'deleted')).toBe(0)
    expect(countDelta('published', 'published')).toBe(0)
  })

  it('shows pending posts to their author and staff, and deleted roots only while they have replies', () => {
    const v = { userId: 14, isStaff: false }
    expect(rootVisible({ status: 'pending', author_id: 10, reply_count: 0 }, v)).toBe(false)
    expect(rootVisible({ status: 'pending', author_id: 14, reply_count: 0 }, v)).toBe(true)
    expect(rootVisible({ status: 'pending', author_id: 10, reply_count: 0 }, { userId: 12, isStaff: true })).toBe(true)
    expect(rootVisible({ status: 'deleted', author_id: 10, reply_count: 0 }, v)).toBe(false)
    expect(rootVisible({ status: 'deleted', author_id: 10, reply_count: 2 }, v)).toBe(true)
    expect(rootVisible({ status: 'hidden', author_id: 10, reply_count: 0 }, v)).toBe(true)
    expect(replyVisible({ status: 'deleted', author_id: 14 }, v)).toBe(false)
  })

  it('masks other residents, shows staff and the author the original, and leaves placeholders', () => {
    const mask = (s: string) => s.replace(/\d/g, '*')
    const p = { status: 'published' as const, author_id: 10, body: '电话 138', hidden_reason: null }
    expect(presentBody(p, { userId: 14, isStaff: false }, mask)).toEqual({ body: '电话 ***', placeholder: null })
    expect(presentBody(p, { userId: 12, isStaff: true }, mask)).toEqual({ body: '电话 138', placeholder: null })
    expect(presentBody(p, { userId: 10, isStaff: false }, mask)).toEqual({ body: '电话 138', placeholder: null })
    const hidden = { ...p, status: 'hidden' as const, hidden_reason: '广告' }
    expect(presentBody(hidden, { userId: 14, isStaff: false }, mask)).toEqual({ body: '', placeholder: '该内容已被隐藏（广告）' })
    expect(presentBody({ ...p, status: 'deleted' }, { userId: 12, isStaff: true }, mask)).toEqual({ body: '', placeholder: DELETED_PLACEHOLDER })
  })

  it('pages with opaque cursors that refuse tampering', () => {
    const c = encodeCursor({ sort: 'oldest', createdAt: '2025-03-01T02:00:00.000Z', id: 7 })
    expect(decodeCursor(c, 'oldest')).toEqual({ sort: 'oldest', createdAt: '2025-03-01T02:00:00.000Z', id: 7 })
    expect(() => decodeCursor(c, 'liked')).toThrow('翻页位置无效')
    expect(decodeCursor(encodeCursor({ sort: 'liked', likes: 3, id: 9 }), 'liked')).toEqual({ sort: 'liked', likes: 3, id: 9 })
    expect(() => decodeCursor('not-a-cursor', 'oldest')).toThrow('翻页位置无效')
    expect(() => decodeCursor(Buffer.from('["o","x",1]').toString('base64url'), 'oldest')).toThrow('翻页位置无效')
  })

  it('writes times the way Shanghai reads them', () => {
    expect(shanghaiDateTimeText('2025-03-04T02:05:00.000Z')).toBe('2025年3月4日 10:05')
    expect(shanghaiDateTimeText('2025-12-31T17:00:00.000Z')).toBe('2026年1月1日 01:00')
  })
})

describe('moderation rules', () => {
  const published = { status: 'published' as const, parent_id: null, pinned_at: null, hidden_by: null }

  it('hides a post once enough distinct residents report it', () => {
    expect(shouldAutoHide('published', 2, 3)).toBe(false)
    expect(shouldAutoHide('published', 3, 3)).toBe(true)
    expect(shouldAutoHide('hidden', 5, 3)).toBe(false)
    expect(shouldAutoHide('pending', 5, 3)).toBe(false)
  })

  it('decides what each moderator action does', () => {
    expect(decidePostAction(published, 'hide', 0)).toEqual({ ok: true, status: 'hidden', pinned: false, resolvesReports: true })
    expect(decidePostAction({ ...published, status: 'hidden', hidden_by: 12 }, 'hide', 0)).toMatchObject({ ok: false, code: 'already_hidden' })
    // An automatically hidden post may be confirmed hidden by a moderator.
    expect(decidePostAction({ ...published, status: 'hidden' }, 'hide', 0)).toMatchObject({ ok: true, status: 'hidden' })
    expect(decidePostAction({ ...published, status: 'hidden' }, 'restore', 0)).toMatchObject({ ok: true, status: 'published' })
    expect(decidePostAction(published, 'restore', 0)).toMatchObject({ ok: false, code: 'not_hidden' })
    expect(decidePostAction({ ...published, status: 'pending' }, 'approve', 0)).toMatchObject({ ok: true, status: 'published' })
    expect(decidePostAction({ ...published, status: 'hidden' }, 'approve', 0)).toMatchObject({ ok: false, code: 'not_pending' })
    expect(decidePostAction(published, 'pin', 2)).toMatchObject({ ok: true, pinned: true })
    expect(decidePostAction(published, 'pin', 3)).toMatchObject({ ok: false, code: 'pin_limit' })
    expect(decidePostAction({ ...published, parent_id: 5 }, 'pin', 0)).toMatchObject({ ok: false, code: 'not_root' })
    expect(decidePostAction(published, 'unpin', 0)).toMatchObject({ ok: false, code: 'not_pinned' })
    expect(decidePostAction({ ...published, status: 'deleted' }, 'hide', 0)).toMatchObject({ ok: false, code: 'post_deleted' })
  })

  it('takes a reason from the report list by its name', () => {
    expect(hideReasonText('ad')).toBe('广告')
    expect(hideReasonText(' 重复刷屏 ')).toBe('重复刷屏')
  })

  it('lets the author appeal a hidden post once', () => {
    const hidden = { author_id: 10, status: 'hidden' as const }
    expect(canAppeal(hidden, 10, false)).toEqual({ ok: true })
    expect(canAppeal(hidden, 10, true)).toMatchObject({ ok: false, code: 'already_appealed' })
    expect(canAppeal(hidden, 14, false)).toMatchObject({ ok: false, status: 403 })
    expect(canAppeal({ ...hidden, status: 'published' }, 10, false)).toMatchObject({ ok: false, code: 'not_hidden' })
  })

  it('mutes for whole days', () => {
    expect(muteEndsAt(NOW, 3).toISOString()).toBe('2025-03-04T02:00:00.000Z')
  })

  it('puts appeals, auto-hidden, reported and pending items before the rest', () => {
    const flagged = { status: 'published' as const, open_reports: 0, hidden_by: null }
    expect(queueKind({ ...flagged, status: 'hidden' })).toBe('auto_hidden')
    expect(queueKind({ ...flagged, open_reports: 1 })).toBe('reported')
    expect(queueKind({ ...flagged, status: 'pending' })).toBe('pending')
    const items = [
      { kind: 'recent' as const, reports: 0, since: '2025-03-01T05:00:00Z' },
      { kind: 'pending' as const, reports: 0, since: '2025-03-01T01:00:00Z' },
      { kind: 'reported' as const, reports: 1, since: '2025-03-01T00:00:00Z' },
      { kind: 'reported' as const, reports: 2, since: '2025-03-01T03:00:00Z' },
      { kind: 'recent' as const, reports: 0, since: '2025-03-01T06:00:00Z' },
      { kind: 'auto_hidden' as const, reports: 3, since: '2025-03-01T04:00:00Z' },
      { kind: 'appeal' as const, reports: 0, since: '2025-03-01T07:00:00Z' },
    ]
    expect([...items].sort(compareQueue).map((i) => `${i.kind}:${i.reports}:${i.since.slice(11, 13)}`)).toEqual([
      'appeal:0:07',
      'auto_hidden:3:04',
      'reported:2:03',
      'reported:1:00',
      'pending:0:01',
      'recent:0:06',
      'recent:0:05',
    ])
  })
})
