import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { AffairsQueue } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { Badge, Card } from '@/shared/ui/Card'
import { EmptyState } from '@/shared/ui/EmptyState'
import { ListRow } from '@/shared/ui/ListRow'
import { LoadState } from '@/shared/ui/LoadState'
import { ReasonForm } from '@/shared/ui/ReasonForm'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { formatDateTime } from '@/shared/format'
import { AFFAIRS_PAGE, affairsApi, ANSWER_MAX, checkText, COMMITTEE_FUND_PAGE, COMMITTEE_SUPERVISORS_PAGE, entryUrl } from '@/affairs/api'

type Item = AffairsQueue['items'][number]

function QueueItem({ item, onAnswered }: { item: Item; onAnswered(): void }) {
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { busy, run } = useAction()
  const send = async () => {
    const problem = checkText(text, '答复')
    if (problem) return setError(problem)
    if (await run('answer', () => affairsApi.answer(item.id, text.trim()), { done: '已答复，答复已公开' })) onAnswered()
  }
  return (
    <Card title={item.entryTitle} extra={<Badge tone={item.kind === 'flag' ? 'danger' : 'warn'}>{item.kind === 'flag' ? '公开不完整' : '居民提问'}</Badge>}>
      <Text className='pcard__meta'>
        {item.authorLabel} · {formatDateTime(item.createdAt)}
      </Text>
      <Text className='card__text'>{item.body}</Text>
      <ListRow label='查看这条记录' arrow onClick={() => Taro.navigateTo({ url: entryUrl(item.entryKey) })} />
      <ReasonForm
        label='答复（所有居民都能看到）'
        value={text}
        onChange={(v) => {
          setText(v)
          setError(null)
        }}
        maxLength={ANSWER_MAX}
        placeholder='例如：发票照片已补充，请查看'
        error={error}
        busy={busy === 'answer'}
        confirm={{ text: '提交答复', onClick: send }}
      />
    </Card>
  )
}

/** The committee's 居务公开 work: residents' questions and supervisors' flags to answer, and the other pages. */
export default function CommitteeAffairsPage() {
  const me = useMe()
  const allowed = isCommittee(me)
  const load = useLoader(() => affairsApi.queue(true), { enabled: allowed })
  if (me && !allowed) return <PageNotice title='这里是居委会处理居务公开的地方' text='您的账号没有居委会权限。' />
  const items = load.data?.items ?? null
  return (
    <Page>
      <Card title='居务公开'>
        <ListRow label='查看本居民区居务公开' arrow onClick={() => Taro.navigateTo({ url: AFFAIRS_PAGE })} />
        <ListRow label='记一笔自治金（附票据照片）' arrow onClick={() => Taro.navigateTo({ url: COMMITTEE_FUND_PAGE })} />
        <ListRow label='居务监督委员会成员' arrow onClick={() => Taro.navigateTo({ url: COMMITTEE_SUPERVISORS_PAGE })} />
      </Card>
      <LoadState load={load} title='待答复的提问没有加载出来' text={load.error ?? undefined} />
      {items && items.length === 0 && <EmptyState title='没有待答复的提问' text='居民的提问和监督委员会的标记会出现在这里。' />}
      <View>{items?.map((item) => <QueueItem key={item.id} item={item} onAnswered={() => void load.reload()} />)}</View>
    </Page>
  )
}
