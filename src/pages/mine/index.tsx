import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ROLE_NAMES, VERIFICATION_STATUS_NAMES } from '@yishi/types'
import { Page } from '@/accounts/Page'
import { Badge, Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { ListRow } from '@/shared/ui/ListRow'
import { confirm } from '@/shared/ui/confirm'
import { LargeTextRow } from '@/shared/ui/LargeTextRow'
import { useMe, useMeStore } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { logout, logoutEverywhere } from '@/accounts/login'
import { useAction } from '@/shared/hooks/useAction'
import { RESIDENCE_PAGE } from '@/accounts/ResidenceCard'
import { VERIFICATIONS_PAGE } from '@/committee/api'
import { AFFAIRS_PAGE, COMMITTEE_AFFAIRS_PAGE } from '@/affairs/api'
import { MyProposalsCard } from '@/proposals/HomeSection'
import { SETUP_PAGE, STAFF_PAGE } from '@/committee/setup/pages'
import { REPORTS_PAGE } from '@/reports/api'
import { adminStreet } from '@/community/api'
import { INVITE_PAGE } from '@/invitations/api'
import { isReferee, REFERRALS_PAGE } from '@/referrals/api'
import { exportMyData } from '@/accounts/export'

const STATUS_TONE = { pending: 'warn', approved: 'success', rejected: 'danger' } as const

export default function MinePage() {
  const me = useMe()
  const [leaving, setLeaving] = useState(false)
  const action = useAction()

  useDidShow(() => {
    void useMeStore.getState().refresh()
  })

  const residence = me?.residence ?? null

  const onLogout = async () => {
    if (!(await confirm({ title: '退出登录', content: '确定要退出登录吗？', confirmText: '退出' }))) return
    setLeaving(true)
    await logout().finally(() => setLeaving(false))
  }
  const onLogoutEverywhere = () =>
    void action.run('logout-all', logoutEverywhere, {
      ask: {
        title: '退出所有设备',
        content: '手机丢了，或在别人的手机上登录过？所有设备（包括这台）都会退出，要重新登录才能使用。确定吗？',
        confirmText: '全部退出',
        danger: true,
      },
    })

  const onExport = () =>
    void action.run(
      'export',
      async () => {
        const problem = await exportMyData()
        if (problem) Taro.showToast({ title: problem, icon: 'none' })
      },
      {
        ask: {
          title: '导出我的数据',
          content: '您的账号、住址认证、提案、附议、发言和上传的照片会打包成一个压缩文件。问卷是匿名的，答案无法导出。每天最多导出 3 次。',
          confirmText: '导出',
        },
      },
    )

  return (
    <Page>
      <Card>
        <Text className='profile__name'>{me?.label ?? ''}</Text>
        <View className='profile__tags'>
          {residence?.isRepresentative && residence.status === 'approved' && <Badge tone='accent'>居民代表</Badge>}
          {me?.roles.map((r) => (
            <Badge tone='neutral' key={`${r.role}-${r.unitId}`}>
              {ROLE_NAMES[r.role]} · {r.unitName}
            </Badge>
          ))}
          {me && !me.roles.length && <Badge tone='neutral'>居民</Badge>}
        </View>
        <Text className='card__note'>邻居们看到的您就是“{me?.label ?? ''}”，不会显示姓名和房号。</Text>
      </Card>

      <Card title='我的住址'>
        {residence ? (
          <View>
            <ListRow label='小区' value={<Text className='list-row__text'>{residence.estateName}</Text>} />
            <ListRow label='楼组' value={<Text className='list-row__text'>{residence.buildingName}</Text>} />
            <ListRow label='房号' value={<Text className='list-row__text'>{residence.room}</Text>} />
            <ListRow
              label='认证状态'
              value={<Badge tone={STATUS_TONE[residence.status]}>{VERIFICATION_STATUS_NAMES[residence.status]}</Badge>}
            />
            {residence.status === 'rejected' && residence.reason && (
              <Text className='card__text text-danger'>原因：{residence.reason}</Text>
            )}
            <Text className='card__note'>房号只有居委会工作人员能看到。</Text>
            {residence.status !== 'approved' && (
              <Button kind='secondary' className='card__action' onClick={() => Taro.navigateTo({ url: RESIDENCE_PAGE })}>
                {residence.status === 'pending' ? '查看申请' : '重新申请'}
              </Button>
            )}
          </View>
        ) : (
          <View>
            <Text className='card__text'>还没有认证住址。认证后可以联名提案、参加投票和填写社区问卷。</Text>
            <Button className='card__action' onClick={() => Taro.navigateTo({ url: RESIDENCE_PAGE })}>
              去认证
            </Button>
          </View>
        )}
      </Card>

      <MyProposalsCard />

      {(me?.verified || isCommittee(me)) && (
        <Card title='居务公开'>
          <ListRow label='本居民区的决定、会议和开支' arrow onClick={() => Taro.navigateTo({ url: AFFAIRS_PAGE })} />
          {isCommittee(me) && <ListRow label='居委会：提问、标记与自治金' arrow onClick={() => Taro.navigateTo({ url: COMMITTEE_AFFAIRS_PAGE })} />}
        </Card>
      )}

      {(isCommittee(me) || isReferee(me)) && (
        <Card title='工作'>
          {isReferee(me) && <ListRow label='转办事项' arrow onClick={() => Taro.navigateTo({ url: REFERRALS_PAGE })} />}
          {adminStreet(me) && <ListRow label='街镇设置' arrow onClick={() => Taro.navigateTo({ url: SETUP_PAGE })} />}
          {isCommittee(me) && <ListRow label='工作人员与邀请' arrow onClick={() => Taro.navigateTo({ url: STAFF_PAGE })} />}
          {isCommittee(me) && <ListRow label='居委会：认证审核' arrow onClick={() => Taro.navigateTo({ url: VERIFICATIONS_PAGE })} />}
          {isCommittee(me) && <ListRow label='工作台账' arrow onClick={() => Taro.navigateTo({ url: REPORTS_PAGE })} />}
        </Card>
      )}

      <Card title='设置'>
        <LargeTextRow />
        <ListRow label='隐私说明' arrow onClick={() => Taro.navigateTo({ url: '/pages/privacy/index' })} />
        {me && <ListRow label='输入邀请码' arrow onClick={() => Taro.navigateTo({ url: INVITE_PAGE })} />}
        {me && <ListRow label='导出我的数据' value={action.busy === 'export' ? <Text className='list-row__text'>正在导出…</Text> : undefined} arrow onClick={onExport} />}
      </Card>

      <View className='btn-stack'>
        <Button kind='danger' loading={leaving} onClick={onLogout}>
          退出登录
        </Button>
        <Button kind='plain' loading={action.busy === 'logout-all'} onClick={onLogoutEverywhere}>
          退出所有设备
        </Button>
      </View>
    </Page>
  )
}
