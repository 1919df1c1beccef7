import type { Principal } from '../../server/accounts'
import { acceptRefusal, inviteRefusal, manageRefusal, removeRefusal, roleMixRefusal, type TargetUnit } from '../../server/staff/policy'
import { CODE_ALPHABET, hashCode, invitationLink, invitationStatus, newInvitationCode, normaliseCode } from '../../server/staff/rules'
import type { RoleName } from '../../types'

// A 街镇 (1) with two 居民区 (10, 11), and another 街镇 (2) with one (20).
const STREET: TargetUnit = { id: 1, level: 'street', chain: [1] }
const NB: TargetUnit = { id: 10, level: 'neighbourhood', chain: [10, 1] }
const OTHER_NB: TargetUnit = { id: 11, level: 'neighbourhood', chain: [11, 1] }
const OTHER_STREET: TargetUnit = { id: 2, level: 'street', chain: [2] }
const FAR_NB: TargetUnit = { id: 20, level: 'neighbourhood', chain: [20, 2] }

const person = (grants: Principal['grants'], referees: Principal['referees'] = []): Principal => ({ userId: 9, grants, referees, residence: null })
const admin = person([{ role: 'admin', unitId: 1 }])
const moderator = person([{ role: 'moderator', unitId: 10 }])
const property = person([], [{ role: 'property', unitId: 10 }])
const resident = person([])

const outcome = (p: Principal, role: RoleName, unit: TargetUnit, label: string | null = role === 'department' ? '城建办' : null) => {
  const r = inviteRefusal(p, role, unit, label)
  return r ? r.statusCode : 'ok'
}

describe('staff rules: who may invite whom where', () => {
  it('lets a 街镇 admin invite every role in the 街镇 and its 居民区, at the level each role belongs to', () => {
    expect(outcome(admin, 'admin', STREET)).toBe('ok')
    expect(outcome(admin, 'department', STREET)).toBe('ok')
    for (const role of ['moderator', 'property', 'owners_committee'] as const) {
      expect(outcome(admin, role, NB)).toBe('ok')
      expect(outcome(admin, role, OTHER_NB)).toBe('ok')
      expect(outcome(admin, role, STREET)).toBe(400)
    }
    expect(outcome(admin, 'admin', NB)).toBe(400)
    expect(outcome(admin, 'department', NB)).toBe(400)
  })

  it('keeps a 街镇 admin to their own 街镇', () => {
    expect(outcome(admin, 'admin', OTHER_STREET)).toBe(403)
    expect(outcome(admin, 'moderator', FAR_NB)).toBe(403)
  })

  it('lets a 居委会 member invite only the committee, 物业 and 业委会 of their own 居民区', () => {
    expect(outcome(moderator, 'moderator', NB)).toBe('ok')
    expect(outcome(moderator, 'property', NB, '古北物业')).toBe('ok')
    expect(outcome(moderator, 'owners_committee', NB)).toBe('ok')
    expect(outcome(moderator, 'moderator', OTHER_NB)).toBe(403)
    expect(outcome(moderator, 'admin', STREET)).toBe(403)
    expect(outcome(moderator, 'department', STREET)).toBe(403)
  })

  it('lets no resident or referee invite anyone', () => {
    for (const p of [resident, property]) {
      expect(outcome(p, 'moderator', NB)).toBe(403)
      expect(outcome(p, 'property', NB)).toBe(403)
    }
  })

  it('needs a department name, and takes no name for the committee', () => {
    expect(inviteRefusal(admin, 'department', STREET, null)?.field).toBe('label')
    expect(inviteRefusal(admin, 'moderator', NB, '某某')?.field).toBe('label')
  })

  it('lets the unit’s committee or its 街镇 admin read its people', () => {
    expect(manageRefusal(admin, STREET)).toBeNull()
    expect(manageRefusal(admin, NB)).toBeNull()
    expect(manageRefusal(moderator, NB)).toBeNull()
    expect(manageRefusal(moderator, OTHER_NB)?.statusCode).toBe(403)
    expect(manageRefusal(moderator, STREET)?.statusCode).toBe(403)
    expect(manageRefusal(admin, FAR_NB)?.statusCode).toBe(403)
  })
})

describe('staff rules: taking a role away', () => {
  it('keeps one admin in every 街镇', () => {
    expect(removeRefusal(admin, { role: 'admin', unit: STREET, streetAdmins: 1 })?.code).toBe('last_admin')
    expect(removeRefusal(admin, { role: 'admin', unit: STREET, streetAdmins: 2 })).toBeNull()
  })

  it('lets a 居委会 member remove the committee, 物业 and 业委会 of their 居民区 only', () => {
    expect(removeRefusal(moderator, { role: 'property', unit: NB, streetAdmins: 1 })).toBeNull()
    expect(removeRefusal(moderator, { role: 'moderator', unit: NB, streetAdmins: 1 })).toBeNull()
    expect(removeRefusal(moderator, { role: 'moderator', unit: OTHER_NB, streetAdmins: 1 })?.statusCode).toBe(403)
    expect(removeRefusal(moderator, { role: 'department', unit: STREET, streetAdmins: 1 })?.statusCode).toBe(403)
    expect(removeRefusal(moderator, { role: 'admin', unit: STREET, streetAdmins: 2 })?.statusCode).toBe(403)
    expect(removeRefusal(admin, { role: 'property', unit: OTHER_NB, streetAdmins: 1 })).toBeNull()
  })

  it('never makes one account both committee and referee', () => {
    expect(roleMixRefusal('property', ['moderator'])?.code).toBe('role_conflict')
    expect(roleMixRefusal('admin', ['department'])?.code).toBe('role_conflict')
    expect(roleMixRefusal('admin', ['moderator'])).toBeNull()
    expect(roleMixRefusal('owners_committee', ['property'])).toBeNull()
  })
})

describe('staff rules: invitation codes', () => {
  it('makes grouped codes from an alphabet without look-alikes', () => {
    for (let i = 0; i < 50; i++) expect(newInvitationCode()).toMatch(new RegExp(`^[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}$`))
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/)
    expect(newInvitationCode(() => 0)).toBe('2222-2222')
  })

  it('reads a code however it was typed', () => {
    expect(normaliseCode(' k7qm 3xpa ')).toBe('K7QM3XPA')
    expect(hashCode('k7qm－3xpa')).toBe(hashCode('K7QM-3XPA'))
    expect(hashCode('K7QM-3XPA')).not.toContain('K7QM')
  })

  it('tells pending, used, revoked and expired apart', () => {
    const now = new Date('2026-06-01T00:00:00Z')
    const base = { expires_at: '2026-06-02T00:00:00Z', used_at: null, used_by: null, revoked_at: null }
    expect(invitationStatus(base, now)).toBe('pending')
    expect(invitationStatus({ ...base, expires_at: '2026-05-31T00:00:00Z' }, now)).toBe('expired')
    expect(invitationStatus({ ...base, used_at: '2026-05-31T00:00:00Z' }, now)).toBe('used')
    expect(invitationStatus({ ...base, revoked_at: '2026-05-31T00:00:00Z' }, now)).toBe('revoked')
    expect(acceptRefusal({ ...base, expires_at: '2026-05-31T00:00:00Z' }, now)?.code).toBe('invitation_expired')
    expect(acceptRefusal({ ...base, used_at: 'x' }, now)?.code).toBe('invitation_used')
    expect(acceptRefusal({ ...base, revoked_at: 'x' }, now)?.code).toBe('invitation_revoked')
    expect(acceptRefusal(base, now)).toBeNull()
  })

  it('links to the H5 page that accepts it', () => {
    expect(invitationLink('https://yishi.example.cn/', 'K7QM-3XPA')).toBe('https://yishi.example.cn/#/more/invite/index?code=K7QM-3XPA')
  })
})
