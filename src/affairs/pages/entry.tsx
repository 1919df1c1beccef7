import Taro, { useRouter } from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { AffairDetail, AffairQuestion } from '@yishi/types'
import { Page } from '@/accounts/Page'
import { Button } from '@/shared/ui/Button'
import { Card } from '@/shared/ui/Card'
import { ListRow } from '@/shared/ui/ListRow'
import { LoadState } from '@/shared/ui/LoadState'
import { ReasonForm } from '@/shared/ui/ReasonForm'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { formatDateTime } from '@/shared/format'
import { detailUrl } from '@/proposals/api'
import { SURVEY_SUMMARY_PAGE } from '@/surveys/routes'
import { affairsApi, checkText, correctUrl, QUESTION_MAX } from '../api'
import { EntryCard } from '../EntryCard'
import { openNotice } from '../notice'
import '../affairs.css'

function QuestionItem({ q }: { q: AffairQuestion }) {
  return (
    <View className='af-qa'>
      <Text className='af-qa__who'>
        {q.kind === 'flag' ? '监督委员会标记' : '提问'} · {q.authorLabel}
        {q.isMine ? '（我）' : ''} · {formatDateTime(q.createdAt)}
      </Text>
      <Text className='af-qa__text'>{q.body}</Text>
      <Text className='af-qa__answer'>{q.answer ? `居委会答复：${q.answer}` : '居委会还没有答复'}</Text>
    </View>
  )
}

/** What the resident writes: a question (any verified resident) or a flag (居务监督委员会). */
function WriteForm({ d, onDone }: { d: AffairDetail; onDone(d: AffairDetail): void }) {
  const [mode, setMode] = useState<'question' | 'flag' | null>(null)
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { busy, run } = useAction()
  const send = async () => {
    const problem = checkText(text, mode === 'flag' ? '哪里不完整' : '您的问题')
    if (problem) return setError(problem)
    const key = d.entry.key
    const ok = await run('send', async () => onDone(await (mode === 'flag' ? affairsApi.flag(key, text.trim()) : affairsApi.ask(key, text.trim()))), {
      done: mode === 'flag' ? '已标记，等待居委会答复' : '已提交，居委会答复后会公开在这里',
    })
    if (ok) {
      setMode(null)
      setText('')
    }
  }
  if (mode === null) {
    return (
      <View className='btn-stack'>
        <Button onClick={() => setMode('question')}>向居委会提问</Button>
        {d.isSupervisor && (
          <Button kind='secondary' onClick={() => setMode('flag')}>
            标记为公开不完整
          </Button>
        )}
      </View>
    )
  }
  return (
    <ReasonForm
      label={mode === 'flag' ? '哪里不完整（所有居民都能看到）' : '您的问题（居委会答复后公开）'}
      value={text}
      onChange={(v) => {
        setText(v)
        setError(null)
      }}
      maxLength={QUESTION_MAX}
      placeholder={mode === 'flag' ? '例如：没有附上发票照片' : '例如：这笔钱是哪家施工的？'}
      error={error}
      busy={busy === 'send'}
      cancel={{ text: '取消', onClick: () => setMode(null) }}
      confirm={{ text: '提交', onClick: send }}
    />
  )
}

/** One entry of 居务公开: the record, its corrections, the questions and answers, and the printable notice. */
export default function AffairEntryPage() {
  const key = useRouter().params.key ?? ''
  const load = useLoader(() => affairsApi.entry(key, true), { deps: [key] })
  const d = load.data
  return (
    <Page>
      <LoadState load={load} title='这条记录没有加载出来' text={load.error ?? undefined} />
      {d && (
        <View>
          <EntryCard entry={d.entry} open={false} />
          {d.entry.link && (
            <ListRow
              label={d.entry.link.kind === 'proposal' ? `查看提案：${d.entry.link.title}` : `查看问卷：${d.entry.link.title}`}
              arrow
              onClick={() => Taro.navigateTo({ url: d.entry.link!.kind === 'proposal' ? detailUrl(d.entry.link!.id) : `${SURVEY_SUMMARY_PAGE}?id=${d.entry.link!.id}` })}
            />
          )}
          {d.photos.length > 0 && (
            <Card title='票据照片'>
              <View>
                {d.photos.map((p) => (
                  <Image
                    key={p.id}
                    className='af-photo tap'
                    src={p.thumbUrl ?? p.url}
                    mode='aspectFill'
                    onClick={() => void Taro.previewImage({ urls: d.photos.map((x) => x.url), current: p.url })}
                  />
                ))}
              </View>
            </Card>
          )}
          {d.related.map((e) => (
            <View key={e.key}>
              <Text className='section__title'>{e.corrects === d.entry.key ? '更正记录' : '被更正的原记录'}</Text>
              <EntryCard entry={e} />
            </View>
          ))}
          <Card title={`提问与答复（${d.questions.length}）`}>
            {d.questions.length === 0 && <Text className='card__text'>还没有公开的提问。</Text>}
            {d.questions.map((q) => (
              <QuestionItem key={q.id} q={q} />
            ))}
            {!d.isCommittee && <WriteForm d={d} onDone={load.set} />}
          </Card>
          <View className='btn-stack'>
            <Button kind='secondary' onClick={() => void openNotice(d.noticeUrl)}>
              打印公告（PDF，贴在楼道）
            </Button>
            {d.isCommittee && (
              <Button kind='plain' onClick={() => Taro.navigateTo({ url: correctUrl(d.entry.key) })}>
                发布更正
              </Button>
            )}
          </View>
        </View>
      )}
    </Page>
  )
}
