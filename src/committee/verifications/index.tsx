import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { VerificationRequest, VerificationStatus } from '@yishi/types'
import { VERIFICATION_STATUS_NAMES } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Badge, Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { SwitchRow } from '@/shared/ui/ListRow'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadState } from '@/shared/ui/LoadState'
import { ReasonForm } from '@/shared/ui/ReasonForm'
import { Segments } from '@/shared/ui/Segments'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { keysOf } from '@/shared/keys'
import { formatDateTime } from '@/shared/format'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { checkReason, COMMON_REJECT_REASONS, committeeApi, REASON_MAX_LENGTH } from '@/committee/api'
import { ContactCard } from './ContactCard'

const TABS = keysOf(VERIFICATION_STATUS_NAMES).map((value) => ({ value, label: VERIFICATION_STATUS_NAMES[value] }))
const TAB_TONE = { pending: 'warn', approved: 'success', rejected: 'danger' } as const

/** 居民代表 among approved residents: named or unnamed at any time, not only at approval. */
function RepresentativeSwitch({ item }: { item: VerificationRequest }) {
  const [on, setOn] = useState(item.isRepresentative)
  const action = useAction()
  const change = (value: boolean) =>
    action.run('representative', async () => setOn((await committeeApi.setRepresentative(item.id, value)).isRepresentative), {
      done: value ? '已设为居民代表' : '已取消居民代表',
    })
  return <SwitchRow label='居民代表' hint='由居委会认定，可参加居民代表会议' checked={on} onChange={(v) => void change(v)} />
}

function RequestCard({ item, onDone }: { item: VerificationRequest; onDone: (updated: VerificationRequest) => void }) {
  const [representative, setRepresentative] = useState(false)
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | null>(null)
  const action = useAction()

  const approve = () =>
    action.run('approve', async () => onDone(await committeeApi.approve(item.id, representative)), {
      done: representative ? '已通过，并设为居民代表' : '已通过',
    })

  const reject = () => {
    const problem = checkReason(reason)
    setReasonError(problem)
    if (problem) return
    void action.run('reject', async () => onDone(await committeeApi.reject(item.id, reason.trim())), { done: '已标记为不通过' })
  }

  return (
    <Card
      title={`${item.estateName} ${item.buildingName}`}
      extra={<Badge tone={TAB_TONE[item.status]}>{VERIFICATION_STATUS_NAMES[item.status]}</Badge>}
    >
      <View className='kv'>
        <Text className='kv__key'>房号</Text>
        <Text className='kv__value'>{item.room}</Text>
      </View>
      <View className='kv'>
        <Text className='kv__key'>申请时间</Text>
        <Text className='kv__value'>{formatDateTime(item.requestedAt)}</Text>
      </View>
      {item.reviewedAt && (
        <View className='kv'>
          <Text className='kv__key'>审核时间</Text>
          <Text className='kv__value'>{formatDateTime(item.reviewedAt)}</Text>
        </View>
      )}
      {item.reason && (
        <View className='kv'>
          <Text className='kv__key'>原因</Text>
          <Text className='kv__value'>{item.reason}</Text>
        </View>
      )}

      {item.status === 'approved' && <RepresentativeSwitch item={item} />}

      {item.status === 'pending' && !rejecting && (
        <View>
          <SwitchRow label='同时设为居民代表' hint='由居委会认定的本楼组居民代表' checked={representative} onChange={setRepresentative} />
          <View className='btn-row'>
            <Button kind='secondary' disabled={!!action.busy} onClick={() => setRejecting(true)}>
              不通过
            </Button>
            <Button loading={action.busy === 'approve'} onClick={approve}>
              通过
            </Button>
          </View>
        </View>
      )}

      {item.status === 'pending' && rejecting && (
        <ReasonForm
          className='reject'
          label='选择不通过的原因'
          presets={COMMON_REJECT_REASONS}
          value={reason}
          onChange={(v) => {
            setReason(v)
            setReasonError(null)
          }}
          maxLength={REASON_MAX_LENGTH}
          placeholder='请写明原因，居民会看到'
          error={reasonError}
          busy={action.busy === 'reject'}
          cancel={{ text: '取消', onClick: () => setRejecting(false) }}
          confirm={{ text: '确认不通过', kind: 'danger', onClick: reject }}
        />
      )}
    </Card>
  )
}

export default function VerificationsPage() {
  const me = useMe()
  const [tab, setTab] = useState<VerificationStatus>('pending')
  const load = useLoader(() => committeeApi.list(tab), { enabled: isCommittee(me), deps: [tab] })
  const items = load.data?.items ?? null
  const neighbourhood = me?.roles.find((r) => r.role === 'moderator' && r.unitLevel === 'neighbourhood') ?? null

  const onDone = (updated: VerificationRequest) => {
    if (load.data) load.set({ items: load.data.items.filter((i) => i.id !== updated.id) })
  }

  if (me && !isCommittee(me)) {
    return <PageNotice title='只有居委会工作人员可以查看这里' text='如需帮助，请联系您所在居民区的居委会。' />
  }

  return (
    <Page>
      <Segments options={TABS} value={tab} onChange={setTab} />
      {tab === 'pending' && (
        <Text className='hint'>请核对楼组和房号是否属实。房号只有居委会能看到，不会公开。</Text>
      )}
      <LoadState load={load} title='列表没有加载出来' text='请检查网络后重试。' />
      {items && !items.length && (
        <EmptyState
          title={tab === 'pending' ? '没有等待审核的申请' : `没有${VERIFICATION_STATUS_NAMES[tab]}的申请`}
          text={tab === 'pending' ? '居民提交居住认证后会出现在这里。' : undefined}
        />
      )}
      {items?.map((item) => <RequestCard key={item.id} item={item} onDone={onDone} />)}
      {tab === 'pending' && neighbourhood && <ContactCard neighbourhoodId={neighbourhood.unitId} />}
    </Page>
  )
}
