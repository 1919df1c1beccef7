import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Page, PageNotice } from '@/accounts/Page'
import { Badge, Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { LoadState } from '@/shared/ui/LoadState'
import { loadErrorText, useLoader } from '@/shared/hooks/useLoader'
import { formatDateTime } from '@/shared/format'
import { COMMITTEE_MANAGE_PAGE, detailUrl, proposalsApi } from '@/proposals/api'
import { useProposalAction } from '@/proposals/useProposalAction'
import { categoryName, deadlineText, STATE_VIEWS } from '@/proposals/labels'
import { CosignBar, StateBadge } from '@/proposals/ui'
import { EvaluationCard, ImplementationCard, MeetingsCard, Photos, Timeline, VoteCard } from '@/proposals/parts'
import { topicUrl } from '@/discussions/routes'
import { RefereeCard } from '@/referrals/RefereeCard'
import { RoadCard } from '@/proposals/Road'
import { ShareCard } from '@/share/ShareCard'
import { useShare } from '@/share/useShare'
import { needsVerification, VerifyFirst } from '@/share/VerifyFirst'
import { useMe } from '@/accounts/me'
import { askToSubscribe } from '@/notifications/subscribe'

export default function ProposalDetailPage() {
  const router = useRouter()
  const id = Number(router.params.id)
  const me = useMe()
  const load = useLoader(() => proposalsApi.detail(id, true), {
    enabled: id > 0,
    errorText: (e) => loadErrorText(e, '提案没有加载出来，请稍后重试'),
  })
  const action = useProposalAction(load.reload)
  const busy = action.busy
  // Shared only once published: one held for review or hidden is not for the group chat.
  const shown = load.data?.contentStatus === 'visible' ? load.data : null
  const share = useShare(shown ? { kind: 'proposal', id, title: shown.title } : null)

  if (!(id > 0)) return <PageNotice title='没有找到这条提案' />
  if (!load.data && load.error && me && needsVerification(me)) return <VerifyFirst me={me} what='提案' />
  if (!load.data) {
    return (
      <Page>
        <LoadState load={load} />
      </Page>
    )
  }

  const d = load.data
  const view = STATE_VIEWS[d.state]
  const deadline = deadlineText(d)
  const collecting = d.state === 'submitted'
  const canWithdrawCosign = collecting && d.cosignedByMe
  const canWithdraw = d.isMine && d.allowedTransitions.includes('withdrawn')
  const topicLink = d.topicId ? topicUrl(d.topicId) : null

  const cosign = () =>
    action.run('cosign', () => proposalsApi.cosign(d.id).then(() => askToSubscribe()), {
      ask: { title: '附议', content: '附议表示您支持这条提案。人数够了，提案就交居委会审核。', confirmText: '确定附议' },
      done: '已附议，谢谢您',
    })
  const withdrawCosign = () =>
    action.run('uncosign', () => proposalsApi.withdrawCosign(d.id), {
      ask: { title: '撤回附议', content: '确定撤回您的附议吗？', confirmText: '撤回附议' },
      done: '已撤回附议',
    })
  const toggleFollow = () =>
    d.followedByMe
      ? action.run('follow', () => proposalsApi.unfollow(d.id), {
          ask: { title: '取消关注', content: '取消后，这条提案有进展时不再通知您。', confirmText: '取消关注' },
          done: '已取消关注',
        })
      : action.run('follow', () => proposalsApi.follow(d.id), { done: '已关注，有进展会通知您' })
  const withdraw = () =>
    action.run('withdraw', () => proposalsApi.withdraw(d.id), {
      ask: { title: '撤回提案', content: '撤回后提案不再征集附议，也不能恢复。确定撤回吗？', confirmText: '撤回提案' },
      done: '提案已撤回',
    })

  return (
    <Page>
      <Card tone={d.overdue ? 'danger' : 'accent'}>
        <View className='pcard__flags'>
          <StateBadge state={d.state} />
          {d.overdue && <Badge tone='danger'>已超期</Badge>}
          {d.enteredByStaff && <Badge tone='neutral'>居委会代录</Badge>}
          {d.contentStatus === 'pending_review' && <Badge tone='warn'>内容审核中</Badge>}
          {d.contentStatus === 'hidden' && <Badge tone='danger'>已隐藏</Badge>}
        </View>
        <Text className='detail__title'>{d.title}</Text>
        <Text className='pcard__meta'>
          {categoryName(d.category)} · {d.unitLevelName} {d.unitName}
        </Text>
        <Text className='pcard__meta'>
          提案人：{d.authorLabel}
          {d.isMine ? '（我）' : ''} · {formatDateTime(d.createdAt)}
        </Text>
        <Text className='card__note state-now'>{view.text}</Text>
        {d.contentStatus === 'pending_review' && (
          <Text className='card__note'>这条提案正在做内容审核，通过后邻居们才能看到和附议。</Text>
        )}
        {deadline && <Text className={`pcard__deadline ${d.overdue ? 'pcard__deadline--late' : ''}`}>{deadline}{d.overdue ? '（已超期）' : ''}</Text>}
        {d.staffNote && <Text className='card__note'>代录备注（仅居委会可见）：{d.staffNote}</Text>}
        <Text className='detail__body'>{d.body}</Text>
        <Photos photos={d.photos} />
      </Card>

      <RoadCard detail={d} />

      {(collecting || d.state === 'screening') && (
        <Card title='附议'>
          <CosignBar count={d.cosignCount} threshold={d.threshold} />
          {d.canCosign && (
            <Button className='card__action' id='cosign' loading={busy === 'cosign'} onClick={cosign}>
              附议支持
            </Button>
          )}
          {canWithdrawCosign && (
            <View>
              <Text className='card__lead' style={{ marginTop: '0.6em' }}>
                您已附议
              </Text>
              <Button className='card__action' kind='secondary' loading={busy === 'uncosign'} onClick={withdrawCosign}>
                撤回附议
              </Button>
            </View>
          )}
          {d.cosignedByMe && !collecting && <Text className='card__note'>您已附议。</Text>}
          {collecting && d.isMine && (
            <Text className='card__note'>这是您的提案。可以请本{d.unitLevelName}的邻居打开“提案”找到它并附议。</Text>
          )}
          {collecting && !d.isMine && !d.canCosign && !d.cosignedByMe && d.contentStatus === 'visible' && (
            <Text className='card__note'>只有{d.unitName}已认证的居民可以附议。</Text>
          )}
          {d.state === 'screening' && <Text className='card__note'>附议人数已够，居委会正在审核。</Text>}
        </Card>
      )}

      {d.mergedInto && (
        <Card title='已合并'>
          <Text className='card__text'>这条提案已合并到：</Text>
          <Button kind='secondary' className='card__action' onClick={() => Taro.navigateTo({ url: detailUrl(d.mergedInto!.id) })}>
            {d.mergedInto.title}
          </Button>
        </Card>
      )}
      {d.mergedFrom.length > 0 && (
        <Card title='合并进来的提案'>
          {d.mergedFrom.map((m) => (
            <View key={m.id} className='list-row' hoverClass='list-row--pressed' onClick={() => Taro.navigateTo({ url: detailUrl(m.id) })}>
              <Text className='list-row__label'>{m.title}</Text>
              <Text className='list-row__arrow'>›</Text>
            </View>
          ))}
        </Card>
      )}
      {d.referral && (
        <Card title={`已转办给${d.referral.toName}`} tone={d.overdue ? 'danger' : 'warn'}>
          {d.referral.reason && <Text className='card__text'>原因：{d.referral.reason}</Text>}
          {d.referral.answer ? (
            <View className='block'>
              <Text className='block__title'>{d.referral.toName}的答复</Text>
              <Text className='block__text'>{d.referral.answer}</Text>
              {d.referral.answeredAt && <Text className='block__meta'>{formatDateTime(d.referral.answeredAt)}</Text>}
            </View>
          ) : (
            <Text className='card__note'>还没有收到答复，收到后会公布在这里并通知关注的居民。</Text>
          )}
        </Card>
      )}

      <RefereeCard d={d} action={action} />

      {d.vote && <VoteCard detail={d} onChanged={(vote) => load.set({ ...d, vote })} />}
      <ImplementationCard detail={d} />
      {d.evaluations && <EvaluationCard detail={d} onChanged={(evaluations) => load.set({ ...d, evaluations })} />}
      <MeetingsCard meetings={d.meetings} />

      {d.topicId !== null && (
        <Card title='议事厅讨论'>
          <Text className='card__text'>这条提案立项后，议事厅开了讨论，大家可以在那里发表意见。</Text>
          {topicLink ? (
            <Button kind='secondary' className='card__action' onClick={() => Taro.navigateTo({ url: topicLink })}>
              去议事厅讨论
            </Button>
          ) : (
            <Text className='card__note'>议事厅讨论编号 {d.topicId}，在“议事厅”里可以找到。</Text>
          )}
        </Card>
      )}

      <Timeline steps={d.timeline} mergedIntoTitle={d.mergedInto?.title} />

      {shown && <ShareCard share={share} what='提案' />}

      <View className='btn-stack'>
        {!d.isMine && (
          <Button kind={d.followedByMe ? 'plain' : 'secondary'} loading={busy === 'follow'} onClick={toggleFollow}>
            {d.followedByMe ? '已关注 · 取消关注' : '关注这条提案（有进展通知我）'}
          </Button>
        )}
        {d.isCommittee && (
          <Button onClick={() => Taro.navigateTo({ url: `${COMMITTEE_MANAGE_PAGE}?id=${d.id}` })}>居委会处理</Button>
        )}
        {canWithdraw && (
          <Button kind='plain' loading={busy === 'withdraw'} onClick={withdraw}>
            撤回提案
          </Button>
        )}
      </View>
    </Page>
  )
}
