import type { Principal } from '../../server/accounts'
import { answerRefusal, createRefusal, manageRefusal, readRefusal, resultsRefusal, type SurveyTarget } from '../../server/surveys/policy'

// Units: street 1 > neighbourhood 10 > estate 100 > building 1000; neighbourhood 20 elsewhere.
const chain = [1000, 100, 10, 1]
const resident: Principal = { userId: 1, grants: [], referees: [], residence: { buildingId: 1000, buildingName: '1号楼', room: '101', chain } }
const outsider: Principal = { userId: 2, grants: [], referees: [], residence: { buildingId: 2000, buildingName: '1号楼', room: '101', chain: [2000, 200, 20, 1] } }
const unverified: Principal = { userId: 3, grants: [], referees: [], residence: null }
const moderator: Principal = { userId: 4, grants: [{ role: 'moderator', unitId: 10 }], referees: [], residence: null }
const otherModerator: Principal = { userId: 5, grants: [{ role: 'moderator', unitId: 20 }], referees: [], residence: null }
const admin: Principal = { userId: 6, grants: [{ role: 'admin', unitId: 1 }], referees: [], residence: null }

const survey = (state: SurveyTarget['state']): SurveyTarget => ({ state, chain, unitName: '梧桐新村1号楼' })
const code = (e: { statusCode: number; code: string } | null) => (e ? `${e.statusCode} ${e.code}` : null)

describe('survey policy', () => {
  it('hides drafts from everyone but the staff of the 居民区', () => {
    expect(code(readRefusal(resident, survey('draft')))).toBe('404 not_found')
    expect(code(readRefusal(otherModerator, survey('draft')))).toBe('404 not_found')
    expect(readRefusal(moderator, survey('draft'))).toBeNull()
    expect(readRefusal(admin, survey('draft'))).toBeNull()
    expect(readRefusal(resident, survey('published'))).toBeNull()
  })

  it('lets only the staff of the 居民区 manage, and refuses others after they may read', () => {
    expect(manageRefusal(moderator, survey('published'))).toBeNull()
    expect(manageRefusal(admin, survey('closed'))).toBeNull()
    expect(code(manageRefusal(resident, survey('published')))).toBe('403 forbidden')
    expect(code(manageRefusal(resident, survey('draft')))).toBe('404 not_found')
    expect(code(createRefusal(otherModerator, chain))).toBe('403 forbidden')
    expect(createRefusal(moderator, chain)).toBeNull()
  })

  it('lets verified residents of the target unit answer', () => {
    expect(answerRefusal(resident, survey('published'))).toBeNull()
    expect(code(answerRefusal(unverified, survey('published')))).toBe('403 not_verified')
    expect(code(answerRefusal(outsider, survey('published')))).toBe('403 not_eligible')
    expect(answerRefusal(outsider, survey('published'))!.message).toContain('梧桐新村1号楼')
    expect(code(answerRefusal(resident, survey('draft')))).toBe('404 not_found')
    // Staff see a draft but, living nowhere here, may not answer it.
    expect(code(answerRefusal(moderator, survey('draft')))).toBe('403 not_verified')
  })

  it('shows residents the results once the survey is closed, the committee from the start', () => {
    expect(code(resultsRefusal(resident, survey('published')))).toBe('403 forbidden')
    expect(resultsRefusal(resident, survey('closed'))).toBeNull()
    expect(resultsRefusal(moderator, survey('published'))).toBeNull()
    expect(code(resultsRefusal(resident, survey('draft')))).toBe('404 not_found')
  })
})
