import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { CreatedInvitation, RoleName } from '@yishi/types'
import { ROLE_NAMES } from '@yishi/types'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { useAction } from '@/shared/hooks/useAction'
import { formatDateTime } from '@/shared/format'
import { TextField, Tiles } from '@/committee/proposals/fields'
import { groupCode, invitationsApi, labelRequired, needsLabel, onStreet } from '@/invitations/api'

export interface Place {
  id: number
  name: string
}

const LABEL_MAX = 40
const LABEL_HINT: Partial<Record<RoleName, string>> = { department: '部门名称，例如 城建办', property: '物业公司名称（可不填）' }

/**
 * A new invitation: the role, where (the 街镇, or one of its 居民区), a name for a department or 物业;
 * then the code, shown this once, big, with its expiry and a copy button.
 */
export function InviteForm({ roles, street, neighbourhoods, onDone }: { roles: readonly RoleName[]; street: Place | null; neighbourhoods: Place[]; onDone(): void }) {
  const [role, setRole] = useState<RoleName | null>(null)
  const [unitId, setUnitId] = useState<number | null>(neighbourhoods.length === 1 ? neighbourhoods[0].id : null)
  const [label, setLabel] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [created, setCreated] = useState<CreatedInvitation | null>(null)
  const action = useAction()

  if (created) {
    const code = groupCode(created.code)
    return (
      <Card title='邀请码已生成' tone='success' className='invite-created'>
        <Text className='card__text'>
          邀请 {ROLE_NAMES[created.role]}
          {created.label ? `（${created.label}）` : ''} · {created.unitName}
        </Text>
        <Text className='setup-code' selectable>
          {code}
        </Text>
        <Text className='card__text'>有效期至 {formatDateTime(created.expiresAt)}，只能使用一次。</Text>
        <Text className='card__note'>这个邀请码只显示这一次，请现在复制或记下，交给对方在“我的 → 输入邀请码”中填写。</Text>
        <View className='btn-row'>
          <Button kind='secondary' onClick={() => void Taro.setClipboardData({ data: code })}>
            复制邀请码
          </Button>
          <Button onClick={onDone}>完成</Button>
        </View>
      </Card>
    )
  }

  const place = role && onStreet(role) ? street : (neighbourhoods.find((n) => n.id === unitId) ?? null)
  const send = () => {
    const problem = !role ? '请选择要邀请的角色' : !place ? '请选择居民区' : labelRequired(role) && !label.trim() ? '请填写部门名称' : null
    setError(problem)
    if (problem || !role || !place) return
    const name = needsLabel(role) ? label.trim() : ''
    void action.run('invite', async () => setCreated(await invitationsApi.create({ role, unitId: place.id, ...(name ? { label: name } : {}) })))
  }

  return (
    <Card title='邀请新成员' tone='accent' className='invite-form'>
      <Text className='field__label'>邀请的角色</Text>
      <Tiles options={roles.map((r) => ({ value: r, label: ROLE_NAMES[r] }))} value={role} onChange={(r) => (setRole(r), setError(null))} />
      {role && !onStreet(role) && neighbourhoods.length > 1 && (
        <View>
          <Text className='field__label'>哪个居民区</Text>
          <Tiles options={neighbourhoods.map((n) => ({ value: n.id, label: n.name }))} value={unitId} onChange={(id) => (setUnitId(id), setError(null))} />
        </View>
      )}
      {role && place && <Text className='card__note'>邀请到：{place.name}</Text>}
      {role && needsLabel(role) && <TextField id='invite-label' label={LABEL_HINT[role] ?? '名称'} value={label} onChange={setLabel} max={LABEL_MAX} />}
      {error && <Text className='field__error'>{error}</Text>}
      <View className='btn-row'>
        <Button kind='secondary' disabled={action.busy === 'invite'} onClick={onDone}>
          取消
        </Button>
        <Button loading={action.busy === 'invite'} onClick={send}>
          生成邀请码
        </Button>
      </View>
    </Card>
  )
}
