import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Switch, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { VerificationRequest, VerificationStatus } from '@yishi/types'
import { VERIFICATION_STATUS_NAMES } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Badge, Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { formatDateTime } from '@/shared/format'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { checkReason, COMMON_REJECT_REASONS, committeeApi, REASON_MAX_LENGTH } from '@/committee/api'

const TABS: VerificationStatus[] = ['pending', 'approved', 'rejected']
const TAB_TONE = { pending: 'warn', approved: 'success', rejected: 'danger' } as const

function RequestCard({ item, onDone }: { item: VerificationRequest; onDone: (updated: VerificationRequest) => void }) {
  const [representative, setRepresentative] = useState(false)
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null)

  const approve = async () => {
    if (busy) return
    setBusy('approve')
    try {
      const updated = await committeeApi.approve(item.id, representative)
      Taro.showToast({ title: representative ? '已通过，并设为居民代表' : '已通过', icon: 'none' })
      onDone(updated)
    } catch {
      // Toast shown by the request client.
    } finally {
      setBusy(null)
    }
  }

  const reject = async () => {
    const problem = checkReason(reason)
    setReasonError(problem)
    if (problem || busy) return
    setBusy('reject')
    try {
      const updated = await committeeApi.reject(item.id, reason.trim())
      Taro.showToast({ title: '已标记为不通过', icon: 'none' })
      onDone(updated)
    } catch {
      // Toast shown by the request client.
    } finally {
      setBusy(null)
    }
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

      {item.status === 'pending' && !rejecting && (
        <View>
          <View className='list-row'>
            <View className='list-row__main'>
              <Text className='list-row__label'>同时设为居民代表</Text>
              <Text className='list-row__hint'>由居委会认定的本楼组居民代表</Text>
            </View>
            <Switch
              className='switch'
              checked={representative}
              color='#1d5bb8'
              onChange={(e) => setRepresentative(!!e.detail.value)}
            />
          </View>
          <View className='btn-row'>
            <Button kind='secondary' disabled={!!busy} onClick={() => setRejecting(true)}>
              不通过
            </Button>
            <Button loading={busy === 'approve'} onClick={approve}>
              通过
            </Button>
          </View>
        </View>
      )}

      {item.status === 'pending' && rejecting && (
        <View className='reject'>
          <Text className='field__label'>选择不通过的原因</Text>
          <View className='choices'>
            {COMMON_REJECT_REASONS.map((r) => (
              <View
                key={r}
                className={`choice choice--compact ${reason === r ? 'choice--selected' : ''}`}
                hoverClass='choice--pressed'
                onClick={() => {
                  setReason(r)
                  setReasonError(null)
                }}
              >
                <Text className='choice__title'>{r}</Text>
              </View>
            ))}
          </View>
          <Text className='field__label'>或者自己写</Text>
          <Textarea
            className={`field__input field__textarea ${reasonError ? 'field__input--error' : ''}`}
            value={COMMON_REJECT_REASONS.includes(reason) ? '' : reason}
            maxlength={REASON_MAX_LENGTH}
            placeholder='请写明原因，居民会看到'
            placeholderClass='field__placeholder'
            onInput={(e) => {
              setReason(e.detail.value)
              setReasonError(null)
            }}
          />
          {reasonError && <Text className='field__error'>{reasonError}</Text>}
          <View className='btn-row'>
            <Button kind='secondary' disabled={!!busy} onClick={() => setRejecting(false)}>
              取消
            </Button>
            <Button kind='danger' loading={busy === 'reject'} onClick={reject}>
              确认不通过
            </Button>
          </View>
        </View>
      )}
    </Card>
  )
}

export default function VerificationsPage() {
  const me = useMe()
  const [tab, setTab] = useState<VerificationStatus>('pending')
  const [items, setItems] = useState<VerificationRequest[] | null>(null)
  const [error, setError] = useState(false)

  const load = (status: VerificationStatus = tab) => {
    setError(false)
    return committeeApi
      .list(status)
      .then((res) => setItems(res.items))
      .catch(() => setError(true))
  }

  useDidShow(() => {
    if (isCommittee(me)) void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  const switchTab = (status: VerificationStatus) => {
    if (status === tab) return
    setTab(status)
    setItems(null)
    void load(status)
  }

  const onDone = (updated: VerificationRequest) => {
    setItems((list) => (list ? list.filter((i) => i.id !== updated.id) : list))
  }

  if (me && !isCommittee(me)) {
    return <PageNotice title='只有居委会工作人员可以查看这里' text='如需帮助，请联系您所在居民区的居委会。' />
  }

  return (
    <Page>
      <View className='segments'>
        {TABS.map((s) => (
          <View key={s} className={`segment ${s === tab ? 'segment--active' : ''}`} onClick={() => switchTab(s)}>
            <Text>{VERIFICATION_STATUS_NAMES[s]}</Text>
          </View>
        ))}
      </View>
      {tab === 'pending' && (
        <Text className='hint'>请核对楼组和房号是否属实。房号只有居委会能看到，不会公开。</Text>
      )}
      {error && (
        <EmptyState title='列表没有加载出来' text='请检查网络后重试。'>
          <Button kind='secondary' onClick={() => load()}>
            重试
          </Button>
        </EmptyState>
      )}
      {!items && !error && <EmptyState title='正在加载…' />}
      {items && !items.length && (
        <EmptyState
          title={tab === 'pending' ? '没有等待审核的申请' : `没有${VERIFICATION_STATUS_NAMES[tab]}的申请`}
          text={tab === 'pending' ? '居民提交居住认证后会出现在这里。' : undefined}
        />
      )}
      {items?.map((item) => <RequestCard key={item.id} item={item} onDone={onDone} />)}
    </Page>
  )
}
