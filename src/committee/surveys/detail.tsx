import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { SurveyDetail, SurveyResults } from '@yishi/types'
import { SURVEY_QUESTION_TYPE_NAMES, SURVEY_STATUS_NAMES } from '@yishi/types'
import { Page } from '@/accounts/Page'
import { useMe } from '@/accounts/me'
import { Badge, Card, Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { LoadState } from '@/shared/ui/LoadState'
import { ReasonForm } from '@/shared/ui/ReasonForm'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { formatDateTime } from '@/shared/format'
import { surveysApi } from '@/surveys/api'
import { ResponseNote } from '@/surveys/ResponseNote'
import { closingText, lengthText, STATUS_TONE } from '@/surveys/logic'
import { COMMITTEE_SURVEY_EDIT_PAGE, COMMITTEE_SURVEY_PAPER_PAGE, INDICATORS_PAGE } from '@/surveys/routes'
import { committeeSurveysApi, surveyExportPath } from './api'
import { downloadExport, type ExportFormat } from './export'
import { PaperBatches } from './PaperBatches'
import { SurveyResultsView } from './Results'
import './committee-surveys.css'

const NOTE_MAX = 2000

/** A survey with its results (none for a draft, nor when they cannot be read yet). */
async function withResults(survey: SurveyDetail): Promise<{ survey: SurveyDetail; results: SurveyResults | null }> {
  const results = survey.state === 'draft' ? null : await committeeSurveysApi.results(survey.id, true).catch(() => null)
  return { survey, results }
}

/** One survey for the committee: what it is, what can be done with it now, and its results. */
export default function SurveyDetailPage() {
  const router = useRouter()
  const id = Number(router.params.id)
  const [closing, setClosing] = useState(false)
  const [note, setNote] = useState('')
  const [noteOpen, setNoteOpen] = useState(false)
  const [showQuestions, setShowQuestions] = useState(false)
  const me = useMe()
  const action = useAction()
  const busy = action.busy
  const load = useLoader(() => surveysApi.get(id).then(withResults))
  const survey = load.data?.survey ?? null

  /** The survey changed (published, closed, a note): show it, with its results as they are now. */
  const change = async (work: Promise<SurveyDetail>) => load.set(await withResults(await work))

  const publish = () => {
    if (!survey) return
    void action.run('publish', () => change(committeeSurveysApi.publish(id)), {
      ask: { title: '发布问卷', content: `发布后${survey.unitName}的已认证居民就能填写，题目不能再改。确定发布吗？` },
      done: '已发布',
    })
  }
  const close = () => {
    const text = note.trim()
    if ([...text].length > NOTE_MAX) {
      Taro.showToast({ title: `整改反馈最多 ${NOTE_MAX} 字`, icon: 'none' })
      return
    }
    void action.run(
      'close',
      async () => {
        await change(committeeSurveysApi.close(id, text || undefined))
        setClosing(false)
        setNote('')
      },
      {
        ask: { title: '结束问卷', content: '结束后居民不能再填写，也不能再录入纸质问卷；结果会向居民公开，并计入评估指标。确定结束吗？', danger: true },
        done: '问卷已结束',
      },
    )
  }
  const publishNote = () => {
    const text = note.trim()
    if (!text) {
      Taro.showToast({ title: '请写下居委会的回应', icon: 'none' })
      return
    }
    void action.run(
      'note',
      async () => {
        await change(committeeSurveysApi.responseNote(id, text))
        setNoteOpen(false)
      },
      { done: '已公布' },
    )
  }
  const copy = () => {
    if (!survey) return
    void action.run(
      'copy',
      async () => {
        const s = await committeeSurveysApi.create({ unitId: survey.unitId, copyOf: survey.id })
        void Taro.redirectTo({ url: `${COMMITTEE_SURVEY_EDIT_PAGE}?id=${s.id}` })
      },
      { ask: { title: '复制为新一轮', content: '用同样的题目新建一份草稿（下一轮调查），可以修改标题和时间后发布。' } },
    )
  }
  const exportAs = (format: ExportFormat) => {
    if (!survey) return
    void action.run(`export-${format}`, () => downloadExport(surveyExportPath(id, format), `问卷结果-${survey.title}`, format))
  }

  if (!survey) {
    return (
      <Page>
        <LoadState load={load} title='问卷没有加载出来' text='请检查网络后重试。' />
      </Page>
    )
  }

  const s = survey
  const published = s.state === 'published'
  return (
    <Page>
      <Card title={s.title} extra={<Badge tone={STATUS_TONE[s.status]}>{SURVEY_STATUS_NAMES[s.status]}</Badge>} tone='accent'>
        <Text className='cs-meta'>
          面向 {s.unitName} · {lengthText(s)}
        </Text>
        {s.publishedAt && <Text className='cs-meta'>{formatDateTime(s.publishedAt)} 发布</Text>}
        {published && <Text className='cs-meta'>{closingText(s.closesAt)}</Text>}
        {s.closedAt && <Text className='cs-meta'>{formatDateTime(s.closedAt)} 结束</Text>}
        {s.instruments.length > 0 && <Text className='cs-meta'>含指标问卷：答案计入评估指标</Text>}
        {s.copiedFrom && <Text className='cs-meta'>复制自上一轮问卷</Text>}
        <Text className='card__note'>{s.intro}</Text>
      </Card>

      {s.canManage && (
        <View className='btn-stack cs-actions'>
          {s.state === 'draft' && (
            <>
              <Button loading={busy === 'publish'} onClick={publish}>
                发布问卷
              </Button>
              <Button kind='secondary' onClick={() => Taro.navigateTo({ url: `${COMMITTEE_SURVEY_EDIT_PAGE}?id=${s.id}&from=detail` })}>
                修改题目
              </Button>
            </>
          )}
          {published && (
            <>
              <Button kind='secondary' onClick={() => Taro.navigateTo({ url: `${COMMITTEE_SURVEY_PAPER_PAGE}?id=${s.id}` })}>
                录入纸质问卷
              </Button>
              <Button kind='plain' onClick={() => Taro.navigateTo({ url: `${COMMITTEE_SURVEY_EDIT_PAGE}?id=${s.id}&from=detail` })}>
                修改标题或截止日期
              </Button>
              {!closing && (
                <Button kind='danger' onClick={() => setClosing(true)}>
                  结束问卷
                </Button>
              )}
            </>
          )}
          {s.state === 'closed' && (
            <>
              <Button kind='secondary' loading={busy === 'copy'} onClick={copy}>
                复制为新一轮
              </Button>
              <Button kind='plain' onClick={() => Taro.navigateTo({ url: INDICATORS_PAGE })}>
                查看评估指标
              </Button>
            </>
          )}
        </View>
      )}

      {closing && (
        <Card title='结束问卷' tone='danger'>
          <ReasonForm
            value={note}
            onChange={setNote}
            maxLength={NOTE_MAX}
            placeholder='例如：针对停车和楼道堆物问题，居委会已与物业商定……'
            inputClassName='cs-note'
            busy={busy === 'close'}
            cancel={{ text: '取消', kind: 'plain', onClick: () => setClosing(false) }}
            confirm={{ text: '确认结束', kind: 'danger', onClick: close }}
          >
            <Text className='card__text'>可以同时公布居委会的回应（整改反馈，居民会看到），也可以结束后再写。</Text>
          </ReasonForm>
        </Card>
      )}

      {s.state === 'closed' && (
        <Card title='居委会的回应（公开）' tone={s.responseNote ? 'success' : 'warn'}>
          {s.responseNote ? (
            <ResponseNote note={s.responseNote} />
          ) : (
            <Text className='card__text'>还没有公布。写下针对调查结果居委会做了什么、打算做什么，居民在“问卷”页能看到。</Text>
          )}
          {s.canManage && !noteOpen && (
            <Button
              kind='secondary'
              className='card__action'
              onClick={() => {
                setNote(s.responseNote?.text ?? '')
                setNoteOpen(true)
              }}
            >
              {s.responseNote ? '更新回应' : '写回应'}
            </Button>
          )}
          {noteOpen && (
            <ReasonForm
              value={note}
              onChange={setNote}
              maxLength={NOTE_MAX}
              inputClassName='cs-note'
              busy={busy === 'note'}
              cancel={{ text: '取消', kind: 'plain', onClick: () => setNoteOpen(false) }}
              confirm={{ text: '公布', onClick: publishNote }}
            />
          )}
        </Card>
      )}

      {s.state !== 'draft' && s.canManage && (
        <Section title='导出结果'>
          <View className='btn-row'>
            <Button kind='secondary' loading={busy === 'export-xlsx'} onClick={() => exportAs('xlsx')}>
              导出 Excel
            </Button>
            <Button kind='secondary' loading={busy === 'export-csv'} onClick={() => exportAs('csv')}>
              导出 CSV
            </Button>
          </View>
          <Text className='hint cs-after'>只含统计数字，不含任何人的身份。</Text>
        </Section>
      )}

      {s.state !== 'draft' && s.canManage && (
        <PaperBatches survey={s} results={load.data?.results ?? null} me={me} onChange={() => void withResults(s).then(load.set)} />
      )}

      {load.data?.results && <SurveyResultsView results={load.data.results} />}

      <Section title={`题目（${s.questions.length} 题）`}>
        {!showQuestions ? (
          <Button kind='plain' onClick={() => setShowQuestions(true)}>
            展开全部题目
          </Button>
        ) : (
          <Card>
            {s.questions.map((q, i) => (
              <View className='cs-qrow' key={q.id}>
                <Text className='cs-qnum'>
                  第 {i + 1} 题 · {SURVEY_QUESTION_TYPE_NAMES[q.type]}
                  {q.instrumentId ? ' · 指标题' : ''}
                  {q.required ? '' : ' · 可不答'}
                </Text>
                <Text className='cs-qrow__text'>{q.text}</Text>
              </View>
            ))}
          </Card>
        )}
      </Section>
    </Page>
  )
}
