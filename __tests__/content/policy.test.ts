import type { Principal } from '../../server/accounts'
import { requireWordKeeper } from '../../server/content/policy'

const admin: Principal = { userId: 1, grants: [{ role: 'admin', unitId: 1 }], referees: [], residence: null }
const moderator: Principal = { userId: 2, grants: [{ role: 'moderator', unitId: 2 }], referees: [], residence: null }
const resident: Principal = { userId: 3, grants: [], referees: [], residence: { buildingId: 200, buildingName: '1号楼', room: '101', chain: [200, 20, 2, 1] } }

describe('content policy', () => {
  it('lets only a 街镇 admin keep the sensitive-word list', () => {
    expect(() => requireWordKeeper(admin)).not.toThrow()
    expect(() => requireWordKeeper(moderator)).toThrow('只有街镇管理员可以维护敏感词表')
    expect(() => requireWordKeeper(resident)).toThrow('只有街镇管理员可以维护敏感词表')
  })
})
