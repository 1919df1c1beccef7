import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { Invitation, StaffMember } from '@yishi/types'
import { INVITATION_STATUS_NAMES, ROLE_NAMES, type RoleName } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Badge, Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { LoadState } from '@/shared/ui/LoadState'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { formatDateTime } from '@/shared/format'
import { useMe } from '@/accounts/me'
import { adminStreet, communityApi } from '@/community/api'
import { invitationsApi, MODERATOR_INVITES } from '@/invitations/api'
import { InviteForm, type Place } from './InviteForm'
import './setup.css'

const ALL_ROLES: readonly RoleName[] = ['moderator', 'property', 'owners_committee', 'department', 'admin']
const STATUS_TONE = { pending: 'accent', used: 'success', expired: 'neutral', revoked: 'neutral' } as const

function who(m: StaffMember): string {
  const name = [m.realName, m.phone].filter(Boolean).join(' ')
  return name || `账号 ${m.userId}`
}

/** Where the people are managed: a 街镇 admin sees the 街镇 and all its 居民区; a 居委会 member, their 居民区. */
async function loadAll(streetId: number | null) {
  const [staff, invitations, tree] = await Promise.all([invitationsApi.staff(), invitationsApi.list(), streetId ? communityApi.units() : null])
  const street = tree?.units.find((u) => u.id === streetId) ?? null
  return { staff: staff.items, invitations: invitations.items, street, neighbourhoods: street?.children ?? [] }
}

/** People holding roles, by unit and role; inviting more; revoking invitations; removing someone. */
export default function StaffPage() {
  const me = useMe()
  const street = adminStreet(me)
  const ownNeighbourhoods: Place[] = (me?.roles ?? []).filter((r) => r.role === 'moderator').map((r) => ({ id: r.unitId, name: r.unitName }))
  const allowed = !!street || ownNeighbourhoods.length > 0
  const load = useLoader(() => loadAll(street?.id ?? null), { enabled: allowed })
  const [inviting, setInviting] = useState(false)
  const action = useAction()

  if (me && !allowed) return <PageNotice title='只有居委会和街镇工作人员可以管理人员' />

  const data = load.data
  const places: Place[] = street ? [street, ...(data?.neighbourhoods ?? []).map((n) => ({ id: n.id, name: n.name }))] : ownNeighbourhoods
  const neighbourhoods = street ? places.slice(1) : ownNeighbourhoods

  const remove = (m: StaffMember) =>
    void action.run(`remove-${m.grantId}`, async () => {
      await invitationsApi.removeStaff(m.grantId)
      await load.reload()
    }, {
      ask: { title: '移除人员', content: `移除 ${who(m)} 在${m.unitName}的“${ROLE_NAMES[m.role]}”角色？对方下次操作时就不能再使用这个角色。`, confirmText: '移除', danger: true },
      done: '已移除',
    })
  const revoke = (inv: Invitation) =>
    void action.run(`revoke-${inv.id}`, async () => {
      await invitationsApi.revoke(inv.id)
      await load.reload()
    }, {
      ask: { title: '撤销邀请', content: `撤销给${inv.unitName}${ROLE_NAMES[inv.role]}的邀请码？撤销后这个邀请码不能再用。`, confirmText: '撤销', danger: true },
      done: '已撤销',
    })

  return (
    <Page>
      {inviting ? (
        <InviteForm
          roles={street ? ALL_ROLES : MODERATOR_INVITES}
          street={street}
          neighbourhoods={neighbourhoods}
          onDone={() => {
            setInviting(false)
            void load.reload()
          }}
        />
      ) : (
        <Button className='invite-new' onClick={() => setInviting(true)}>
          邀请新成员
        </Button>
      )}
      {!street && <Text className='hint'>居委会可以邀请本居民区的居委会成员、物业和业委会。街镇部门和街镇工作人员请由街镇邀请。</Text>}

      <LoadState load={load} title='人员名单没有加载出来' text='请检查网络后重试。' />
      {data &&
        places.map((p) => {
          const people = data.staff.filter((m) => m.unitId === p.id)
          return (
            <Card key={p.id} title={p.name} className='staff-unit'>
              {!people.length && <Text className='card__note'>还没有人员。</Text>}
              {people.map((m) => (
                <View className='list-row' key={m.grantId}>
                  <View className='list-row__main'>
                    <Text className='list-row__label'>
                      {ROLE_NAMES[m.role]}
                      {m.label ? ` · ${m.label}` : ''}
                    </Text>
                    <Text className='list-row__hint'>
                      {who(m)} · {formatDateTime(m.since)} 起
                    </Text>
                  </View>
                  {m.userId !== me?.id && (street || MODERATOR_INVITES.includes(m.role)) && (
                    <Button kind='plain' small loading={action.busy === `remove-${m.grantId}`} onClick={() => remove(m)}>
                      移除
                    </Button>
                  )}
                </View>
              ))}
            </Card>
          )
        })}

      {data && data.invitations.length > 0 && (
        <Card title='发出的邀请' className='invitations'>
          {data.invitations.map((inv) => (
            <View className='list-row' key={inv.id}>
              <View className='list-row__main'>
                <Text className='list-row__label'>
                  {ROLE_NAMES[inv.role]}
                  {inv.label ? ` · ${inv.label}` : ''} · {inv.unitName}
                </Text>
                <View className='list-row__hint'>
                  <Badge tone={STATUS_TONE[inv.status]}>{INVITATION_STATUS_NAMES[inv.status]}</Badge>
                  <Text> 有效期至 {formatDateTime(inv.expiresAt)}</Text>
                </View>
              </View>
              {inv.status === 'pending' && (
                <Button kind='plain' small loading={action.busy === `revoke-${inv.id}`} onClick={() => revoke(inv)}>
                  撤销
                </Button>
              )}
            </View>
          ))}
        </Card>
      )}
    </Page>
  )
}
