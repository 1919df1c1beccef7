import type { Principal } from '../../server/accounts'
import {
  decideAppealCheck,
  mayMuteCheck,
  moderatePostCheck,
  muteCheck,
  readLogCheck,
  reportCheck,
  settingsCheck,
  staffCheck,
  unmuteCheck,
} from '../../server/moderation/policy'

const B200 = [200, 20, 2, 1]
const WUTONG = [2, 1]
const resident: Principal = { userId: 10, grants: [], referees: [], residence: { buildingId: 200, buildingName: '1号楼', room: '101', chain: B200 } }
const moderator: Principal = { userId: 12, grants: [{ role: 'moderator', unitId: 2 }], referees: [], residence: null }
const colleague: Principal = { userId: 17, grants: [{ role: 'moderator', unitId: 2 }], referees: [], residence: null }
const otherModerator: Principal = { userId: 15, grants: [{ role: 'moderator', unitId: 3 }], referees: [], residence: null }
const admin: Principal = { userId: 13, grants: [{ role: 'admin', unitId: 1 }], referees: [], residence: null }

describe('moderation policy', () => {
  it("lets residents report other people's posts, and staff act instead", () => {
    expect(reportCheck({ userId: 10, isStaff: false }, { author_id: 99, status: 'published' }).ok).toBe(true)
    expect(reportCheck({ userId: 10, isStaff: false }, { author_id: 10, status: 'published' })).toMatchObject({ ok: false, status: 409, code: 'own_post' })
    expect(reportCheck({ userId: 10, isStaff: false }, { author_id: 99, status: 'deleted' })).toMatchObject({ ok: false, status: 404 })
    expect(reportCheck({ userId: 12, isStaff: true }, { author_id: 99, status: 'published' })).toMatchObject({ ok: false, status: 403 })
  })

  it('lets the committee of the 居民区 (or the 街镇) hide a post, nobody else', () => {
    expect(moderatePostCheck(moderator, B200).ok).toBe(true)
    expect(moderatePostCheck(admin, B200).ok).toBe(true)
    expect(moderatePostCheck(otherModerator, B200)).toMatchObject({ ok: false, message: '只有本居民区的居委会可以处理发言' })
    expect(moderatePostCheck(resident, B200)).toMatchObject({ ok: false, status: 403 })
  })

  it('sends appeals to the 街镇, never to whoever hid the post', () => {
    expect(decideAppealCheck(admin, B200, 12).ok).toBe(true)
    expect(decideAppealCheck(admin, B200, null).ok).toBe(true)
    expect(decideAppealCheck(moderator, B200, null)).toMatchObject({ ok: false, message: '申诉由街镇管理员复核' })
    expect(decideAppealCheck(admin, B200, 13)).toMatchObject({ ok: false, message: '隐藏这条发言的人不能复核它的申诉，请由另一位管理员处理' })
  })

  it("mutes residents of the committee's own 居民区, never staff", () => {
    expect(mayMuteCheck(resident)).toMatchObject({ ok: false, message: '只有居委会可以禁言' })
    expect(muteCheck(moderator, WUTONG, resident).ok).toBe(true)
    expect(muteCheck(otherModerator, WUTONG, resident)).toMatchObject({ ok: false, status: 403 })
    expect(muteCheck(moderator, null, resident)).toMatchObject({ ok: false, status: 403 })
    expect(muteCheck(moderator, WUTONG, colleague)).toMatchObject({ ok: false, status: 409, code: 'cannot_mute_staff' })
    expect(muteCheck(moderator, WUTONG, moderator)).toMatchObject({ ok: false, code: 'cannot_mute_staff' })
    expect(unmuteCheck(admin, WUTONG).ok).toBe(true)
    expect(unmuteCheck(otherModerator, WUTONG)).toMatchObject({ ok: false, message: '只能解除本居民区的禁言' })
  })

  it('opens the queue, the log and the settings to staff', () => {
    expect(staffCheck(otherModerator).ok).toBe(true)
    expect(staffCheck(resident)).toMatchObject({ ok: false, status: 403 })
    expect(readLogCheck(resident)).toMatchObject({ ok: false, message: '只有居委会或街镇工作人员可以查看审核日志' })
    expect(settingsCheck(moderator, WUTONG).ok).toBe(true)
    expect(settingsCheck(otherModerator, WUTONG)).toMatchObject({ ok: false, status: 403 })
  })
})
