import type { Principal } from '../../server/accounts'
import type { AppError } from '../../server/core/errors'
import {
  actingRole,
  canCosign,
  canEvaluate,
  canVote,
  collectingRefusal,
  cosignRefusal,
  evaluateRefusal,
  householdRefusal,
  listRefusal,
  manageRefusal,
  meetingDateRefusal,
  meetingRefusal,
  mergeTargetRefusal,
  progressCommentRefusal,
  queueRefusal,
  readRefusal,
  rolesOn,
  settingsRefusal,
  similarRefusal,
  submitRefusal,
  homeUnitRefusal,
  inboxRefusal,
  isRefereeOf,
  refereeStepRefusal,
  streetOverdueRefusal,
  transitionActorRefusal,
  transitionRefusal,
  uncosignRefusal,
  viewerOf,
  voteRefusal,
  type ProposalFacts,
} from '../../server/proposals/policy'

// Who may do what, without a database: principals and proposals are plain values.
// Units: 街镇 10; 居民区 11 (小区 12: 楼组 13 and 14) and 21 (小区 22: 楼组 23).
const STREET = 10
const resident = (building: number, chain: number[], userId: number): Principal => ({ userId, grants: [], referees: [], residence: { buildingId: building, buildingName: '1号楼', room: '101', chain } })
const author = resident(13, [13, 12, 11, STREET], 1)
const unitResident = resident(13, [13, 12, 11, STREET], 2)
const neighbour = resident(14, [14, 12, 11, STREET], 3)
const outsider = resident(23, [23, 22, 21, STREET], 4)
const unverified: Principal = { userId: 5, grants: [], referees: [], residence: null }
const moderator: Principal = { userId: 6, grants: [{ role: 'moderator', unitId: 11 }], referees: [], residence: null }
const otherModerator: Principal = { userId: 7, grants: [{ role: 'moderator', unitId: 21 }], referees: [], residence: null }
const admin: Principal = { userId: 8, grants: [{ role: 'admin', unitId: STREET }], referees: [], residence: null }

const referee = (role: Principal['referees'][number]['role'], unitId: number, userId: number): Principal => ({ userId, grants: [], referees: [{ role, unitId }], residence: null })
const property = referee('property', 11, 9)
const otherProperty = referee('property', 21, 10)
const ownersCommittee = referee('owners_committee', 11, 11)
const department = referee('department', STREET, 12)
const otherDepartment = referee('department', 99, 13)

const T0 = new Date('2025-03-03T02:00:00.000Z')
const HOUR = 3_600_000

/** A 3号楼 (楼组 13) proposal by `author`. */
const proposal = (over: Partial<ProposalFacts & { vote_closes_at: string | null; deadline_at: string | null; referred_to: string | null }> = {}) => ({
  author_id: 1,
  building_id: 13,
  estate_id: 12,
  neighbourhood_id: 11,
  street_id: STREET,
  level: 'building',
  state: 'submitted',
  content_status: 'visible',
  vote_closes_at: null,
  deadline_at: null,
  referred_to: null as string | null,
  ...over,
})

const v = viewerOf
const code = (r: AppError | null) => (r === null ? null : `${r.statusCode} ${r.code}`)

describe('proposal policy', () => {
  it('knows the caller: their 居民区, the units they serve, their roles on a proposal', () => {
    expect(v(neighbour).neighbourhoodId).toBe(11)
    expect(v(unverified).neighbourhoodId).toBeNull()
    expect(v(admin).grantUnitIds).toEqual([STREET])
    expect(rolesOn(v(author), proposal())).toEqual(['author'])
    expect(rolesOn(v(moderator), proposal())).toEqual(['committee'])
    expect(rolesOn(v(admin), proposal())).toEqual(['committee'])
    expect(rolesOn(v(otherModerator), proposal())).toEqual([])
    // 代录: nobody is the author of a proposal entered for a resident without an account.
    expect(rolesOn(v(author), proposal({ author_id: null }))).toEqual([])
  })

  it('lets the 居民区 read a published proposal, its author and committee a held one, nobody else', () => {
    for (const p of [author, unitResident, neighbour, moderator, admin]) expect(readRefusal(v(p), proposal())).toBeNull()
    expect(code(readRefusal(v(outsider), proposal()))).toBe('403 forbidden')
    expect(code(readRefusal(v(otherModerator), proposal()))).toBe('403 forbidden')
    expect(code(readRefusal(v(unverified), proposal()))).toBe('403 forbidden')
    const held = proposal({ content_status: 'pending_review' })
    expect(readRefusal(v(author), held)).toBeNull()
    expect(readRefusal(v(moderator), held)).toBeNull()
    // Held content is as if it did not exist for the other residents.
    expect(code(readRefusal(v(neighbour), held))).toBe('404 not_found')
  })

  it('keeps lists, the queue and the settings to those with a 居民区 or a committee seat', () => {
    expect(listRefusal(v(neighbour), false)).toBeNull()
    expect(listRefusal(v(admin), false)).toBeNull()
    expect(code(listRefusal(v(unverified), false))).toBe('403 forbidden')
    expect(listRefusal(v(unverified), true)).toBeNull()
    expect(code(queueRefusal(v(neighbour)))).toBe('403 forbidden')
    expect(queueRefusal(v(moderator), [11, STREET])).toBeNull()
    expect(queueRefusal(v(admin), [11, STREET])).toBeNull()
    expect(queueRefusal(v(otherModerator), [11, STREET])?.message).toBe('您只能查看本居民区的审核队列')
    expect(settingsRefusal(v(neighbour), null)?.message).toBe('只有居委会成员可以查看提案设置')
    expect(settingsRefusal(v(moderator), [11, STREET])).toBeNull()
    expect(code(settingsRefusal(v(otherModerator), [11, STREET]))).toBe('403 forbidden')
    expect(similarRefusal(v(neighbour), [13, 12, 11, STREET])).toBeNull()
    expect(code(similarRefusal(v(outsider), [13, 12, 11, STREET]))).toBe('403 forbidden')
    expect(code(similarRefusal(v(unverified), null))).toBe('403 forbidden')
  })

  it('lets verified residents submit in their own 楼组, 小区 or 居民区 only', () => {
    expect(code(submitRefusal(unverified))).toBe('403 forbidden')
    expect(submitRefusal(author, [12, 11, STREET])).toBeNull()
    expect(code(submitRefusal(outsider, [13, 12, 11, STREET]))).toBe('403 forbidden')
    expect(homeUnitRefusal([13, 12, 11, STREET], 11)).toBeNull()
    // The 街镇 is above what a proposal may belong to.
    expect(code(homeUnitRefusal([13, 12, 11, STREET], STREET))).toBe('403 forbidden')
    expect(code(homeUnitRefusal([13, 12, 11, STREET], 14))).toBe('403 forbidden')
  })

  it('lets residents of the unit co-sign someone else’s proposal while it collects, and take it back then', () => {
    expect(cosignRefusal(v(unitResident), proposal())).toBeNull()
    expect(cosignRefusal(v(neighbour), proposal())?.message).toBe('只有本楼组已认证的居民可以附议')
    expect(code(cosignRefusal(v(moderator), proposal()))).toBe('403 forbidden')
    expect(code(cosignRefusal(v(author), proposal()))).toBe('409 own_proposal')
    // A 小区 proposal: the whole 小区 co-signs.
    expect(cosignRefusal(v(neighbour), proposal({ building_id: null, level: 'estate' }))).toBeNull()
    expect(collectingRefusal(proposal())).toBeNull()
    expect(code(collectingRefusal(proposal({ state: 'screening' })))).toBe('409 not_collecting')
    expect(code(collectingRefusal(proposal({ content_status: 'pending_review' })))).toBe('409 not_published')
    expect(uncosignRefusal(proposal())).toBeNull()
    expect(code(uncosignRefusal(proposal({ state: 'screening' })))).toBe('409 not_collecting')
    expect(canCosign(v(unitResident), proposal(), false)).toBe(true)
    expect(canCosign(v(unitResident), proposal(), true)).toBe(false)
    expect(canCosign(v(author), proposal(), false)).toBe(false)
    expect(canCosign(v(neighbour), proposal(), false)).toBe(false)
  })

  it('leaves the committee’s steps to the committee of the proposal’s 居民区 (or its 街镇)', () => {
    expect(manageRefusal(v(moderator), proposal())).toBeNull()
    expect(manageRefusal(v(admin), proposal())).toBeNull()
    expect(code(manageRefusal(v(otherModerator), proposal()))).toBe('403 forbidden')
    expect(manageRefusal(v(author), proposal(), '只有本居民区居委会可以代录附议')?.message).toBe('只有本居民区居委会可以代录附议')
    expect(code(meetingRefusal(proposal(), '2025-03-01'))).toBe('409 no_meetings_now')
    expect(meetingRefusal(proposal({ state: 'deliberating' }), '2025-03-01')).toBeNull()
    expect(meetingRefusal(proposal({ state: 'deliberating' }), '2025-02-30')?.field).toBe('heldOn')
    // T0 is 2025-03-03 10:00 in Shanghai; the proposal was submitted on 2025-03-01 (Shanghai).
    const submitted = { created_at: '2025-02-28T16:30:00.000Z' }
    expect(meetingDateRefusal(submitted, '2025-03-03', T0)).toBeNull()
    expect(meetingDateRefusal(submitted, '2025-03-01', T0)).toBeNull()
    expect(meetingDateRefusal(submitted, '2025-03-04', T0)?.message).toBe('会议日期不能晚于今天（2025-03-03）')
    expect(meetingDateRefusal(submitted, '2099-01-01', T0)?.field).toBe('heldOn')
    expect(meetingDateRefusal(submitted, '2025-02-28', T0)?.message).toBe('会议日期不能早于提案提交的日期（2025-03-01）')
    expect(meetingDateRefusal(submitted, '1970-01-01', T0)?.field).toBe('heldOn')
  })

  it('checks a transition: actor, step, required fields, a vote’s outcome and dates', () => {
    const committee = { roles: ['committee' as const], enteredByStaff: false }
    expect(code(transitionActorRefusal([]))).toBe('403 forbidden')
    expect(transitionRefusal('screening', 'accepted', committee, {}, undefined, T0)).toBeNull()
    expect(code(transitionRefusal('submitted', 'accepted', committee, {}, undefined, T0))).toBe('409 transition_not_allowed')
    expect(transitionRefusal('screening', 'rejected', committee, {}, undefined, T0)?.field).toBe('reason')
    // The vote decides: not before it closes, and only its outcome.
    expect(code(transitionRefusal('voting', 'approved', { ...committee, voteOutcome: null }, {}, undefined, T0))).toBe('409 vote_open')
    const tally = { for: 1, against: 3, abstain: 0, turnout: 4, eligibleHouseholds: 6, passed: false }
    const outcome = transitionRefusal('voting', 'approved', { ...committee, voteOutcome: 'declined' }, {}, tally, T0)
    expect(code(outcome)).toBe('409 vote_outcome')
    expect(outcome?.details).toMatchObject({ tally })
    expect(transitionRefusal('voting', 'declined', { ...committee, voteOutcome: 'declined' }, {}, tally, T0)).toBeNull()
    const soon = new Date(T0.getTime() + HOUR / 2).toISOString()
    expect(transitionRefusal('deliberating', 'voting', committee, { closesAt: soon }, undefined, T0)?.field).toBe('closesAt')
    const yesterday = { owner: '物业', plannedDate: '2025-03-02' }
    expect(transitionRefusal('approved', 'implementing', committee, yesterday, undefined, T0)?.field).toBe('plannedDate')
    expect(actingRole('withdrawn', ['author'])).toBe('author')
    expect(actingRole('withdrawn', ['committee'])).toBe('committee')
    expect(actingRole('rejected', ['author', 'committee'])).toBe('committee')
  })

  it('merges only into another open, published proposal of the same 居民区', () => {
    const source = { id: 1, neighbourhood_id: 11 }
    const target = { id: 2, neighbourhood_id: 11, state: 'screening', content_status: 'visible' }
    expect(mergeTargetRefusal(source, target)).toBeNull()
    expect(mergeTargetRefusal(source, undefined)?.field).toBe('mergeInto')
    expect(mergeTargetRefusal(source, { ...target, id: 1 })?.field).toBe('mergeInto')
    expect(mergeTargetRefusal(source, { ...target, neighbourhood_id: 21 })?.field).toBe('mergeInto')
    expect(mergeTargetRefusal(source, { ...target, state: 'implementing' })?.field).toBe('mergeInto')
    expect(mergeTargetRefusal(source, { ...target, content_status: 'hidden' })?.field).toBe('mergeInto')
  })

  it('gives each household of the unit one vote while the vote is open', () => {
    const voting = proposal({ state: 'voting', vote_closes_at: new Date(T0.getTime() + HOUR).toISOString() })
    expect(voteRefusal(v(unitResident), voting, T0)).toBeNull()
    expect(voteRefusal(v(neighbour), voting, T0)?.message).toBe('只有本楼组已认证的住户可以投票')
    expect(code(voteRefusal(v(unitResident), proposal(), T0))).toBe('409 not_voting')
    expect(code(voteRefusal(v(unitResident), voting, new Date(T0.getTime() + HOUR)))).toBe('409 vote_closed')
    expect(code(householdRefusal(null))).toBe('403 forbidden')
    expect(householdRefusal({ buildingId: 13, room: '101' })).toBeNull()
    expect(canVote(v(unitResident), voting, true, null)).toBe(true)
    expect(canVote(v(unitResident), voting, true, unitResident.userId)).toBe(true)
    // Another member of the family cast it: only they may change it.
    expect(canVote(v(unitResident), voting, true, 99)).toBe(false)
    expect(canVote(v(neighbour), voting, true, null)).toBe(false)
  })

  it('opens evaluation to the unit’s residents while the window lasts, and comments on progress to readers', () => {
    const completed = proposal({ state: 'completed', deadline_at: new Date(T0.getTime() + HOUR).toISOString() })
    expect(evaluateRefusal(v(unitResident), completed, T0)).toBeNull()
    expect(canEvaluate(v(unitResident), completed, T0)).toBe(true)
    expect(code(evaluateRefusal(v(neighbour), completed, T0))).toBe('403 forbidden')
    expect(evaluateRefusal(v(unitResident), completed, new Date(T0.getTime() + HOUR))?.message).toBe('提案完成后才能评议成效')
    expect(evaluateRefusal(v(unitResident), proposal({ state: 'closed' }), T0)?.message).toBe('成效评议已经结束')
    expect(canEvaluate(v(unitResident), completed, new Date(T0.getTime() + HOUR))).toBe(false)
    expect(progressCommentRefusal(v(neighbour), proposal())).toBeNull()
    expect(progressCommentRefusal(v(moderator), proposal())).toBeNull()
    expect(code(progressCommentRefusal(v(outsider), proposal()))).toBe('403 forbidden')
    expect(code(progressCommentRefusal(v(unverified), proposal()))).toBe('403 forbidden')
  })
})

describe('referees (物业, 业委会, 街镇 departments)', () => {
  const referred = (to: string, over: Partial<ProposalFacts> = {}) => proposal({ state: 'referred', referred_to: to, ...over })

  it('read only what is referred to their kind, in their 居民区 or 街镇, and only while it is', () => {
    expect(readRefusal(v(property), referred('property'))).toBeNull()
    expect(isRefereeOf(v(property), referred('property'))).toBe(true)
    // Another 居民区's 物业, the 业委会 of the same 居民区, a department: not theirs.
    expect(code(readRefusal(v(otherProperty), referred('property')))).toBe('403 forbidden')
    expect(code(readRefusal(v(ownersCommittee), referred('property')))).toBe('403 forbidden')
    expect(code(readRefusal(v(department), referred('property')))).toBe('403 forbidden')
    expect(readRefusal(v(ownersCommittee), referred('owners_committee'))).toBeNull()
    // Nothing else of the 居民区's, and nothing once the referral is over.
    expect(code(readRefusal(v(property), proposal()))).toBe('403 forbidden')
    expect(code(readRefusal(v(property), proposal({ state: 'screening', referred_to: 'property' })))).toBe('403 forbidden')
    // Never committee: no roles, no transitions.
    expect(rolesOn(v(property), referred('property'))).toEqual([])
  })

  it('lets a 街镇 department answer referrals to the 街镇 in any of its 居民区, never 物业 ones', () => {
    expect(isRefereeOf(v(department), referred('street'))).toBe(true)
    expect(isRefereeOf(v(department), referred('street', { neighbourhood_id: 21, estate_id: 22, building_id: 23 }))).toBe(true)
    expect(isRefereeOf(v(otherDepartment), referred('street'))).toBe(false)
    expect(code(refereeStepRefusal(v(department), referred('property'), 'open', 'answer'))).toBe('403 forbidden')
    expect(refereeStepRefusal(v(department), referred('street'), 'open', 'answer')).toBeNull()
    // A 居民区's 物业 is not the 街镇.
    expect(code(refereeStepRefusal(v(property), referred('street'), 'open', 'answer'))).toBe('403 forbidden')
  })

  it('accepts or refuses while open, answers once, and nothing after', () => {
    const p = referred('property')
    expect(refereeStepRefusal(v(property), p, 'open', 'accept')).toBeNull()
    expect(refereeStepRefusal(v(property), p, 'open', 'refuse')).toBeNull()
    expect(code(refereeStepRefusal(v(property), p, 'accepted', 'accept'))).toBe('409 referral_accepted')
    expect(code(refereeStepRefusal(v(property), p, 'accepted', 'refuse'))).toBe('409 referral_accepted')
    expect(refereeStepRefusal(v(property), p, 'accepted', 'answer')).toBeNull()
    for (const step of ['accept', 'refuse', 'answer'] as const) expect(code(refereeStepRefusal(v(property), p, 'answered', step))).toBe('409 referral_answered')
    // No longer referred: no longer theirs.
    expect(code(refereeStepRefusal(v(property), proposal({ state: 'screening', referred_to: 'property' }), 'open', 'answer'))).toBe('403 forbidden')
    expect(code(refereeStepRefusal(v(otherProperty), p, 'open', 'answer'))).toBe('403 forbidden')
  })

  it('keeps the inbox to referees and the 街镇 list to that 街镇', () => {
    expect(inboxRefusal(v(property))).toBeNull()
    for (const p of [moderator, admin, author]) expect(code(inboxRefusal(v(p)))).toBe('403 forbidden')
    expect(streetOverdueRefusal(v(admin), STREET)).toBeNull()
    for (const p of [moderator, department, author]) expect(code(streetOverdueRefusal(v(p), STREET))).toBe('403 forbidden')
    expect(code(streetOverdueRefusal(v(admin), 99))).toBe('403 forbidden')
  })
})
