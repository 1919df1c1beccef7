import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import type { SurveyAnswerValue, SurveyDetail } from '@yishi/types'
import { SURVEY_STATUS_NAMES } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Badge, Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { SwitchRow } from '@/shared/ui/ListRow'
import { LoadState } from '@/shared/ui/LoadState'
import { confirm } from '@/shared/ui/confirm'
import { useLoader } from '@/shared/hooks/useLoader'
import { ApiRequestError } from '@/shared/request'
import { useLargeText, useLargeTextSetting } from '@/shared/largeText'
import { formatDateTime } from '@/shared/format'
import { useMe } from '@/accounts/me'
import { RESIDENCE_PAGE } from '@/accounts/ResidenceCard'
import { INSTRUMENTS } from '@/scoring/instruments'
import { surveysApi } from '@/surveys/api'
import { ResponseNote } from '@/surveys/ResponseNote'
import { draftKey, hasAnswers, useSurveyDrafts } from '@/surveys/draft'
import {
  answeredCount,
  answerText,
  cannotAnswerReason,
  closingText,
  firstMissing,
  isAnswered,
  lengthText,
  progressShare,
  progressText,
  refusalOf,
  screenOf,
  screensFor,
  STATUS_TONE,
  toSubmitAnswers,
  type Refusal,
} from '@/surveys/logic'
import { QuestionView } from '@/surveys/QuestionView'
import { SURVEY_SUMMARY_PAGE, SURVEYS_TAB } from '@/surveys/routes'
import { ShareCard } from '@/share/ShareCard'
import { useShare } from '@/share/useShare'
import '@/surveys/surveys.css'

type View_ = { kind: 'intro' } | { kind: 'screen'; index: number } | { kind: 'review' } | { kind: 'done'; already: boolean } | { kind: 'refused'; refusal: Refusal }

const toTop = () => {
  void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
}

function Done({ survey, already }: { survey: SurveyDetail; already: boolean }) {
  return (
    <Card tone='success' title={survey.title} extra={<Badge tone='success'>已提交</Badge>}>
      <View className='sv-done'>
        <Text className='sv-done__mark'>✓</Text>
        <Text className='sv-done__title'>{already ? '您已经填写过这份问卷了' : '提交成功，谢谢您！'}</Text>
        <Text className='sv-done__text'>
          {already ? '每人只填一次，您的回答已经收到。' : `《${survey.title}》的回答已经收到。`}
        </Text>
        <Text className='sv-done__text'>问卷结束后，大家的意见汇总和居委会的回应会公布在“问卷”页。</Text>
      </View>
      <View className='btn-stack'>
        <Button onClick={() => Taro.switchTab({ url: SURVEYS_TAB })}>返回问卷列表</Button>
        <Button kind='secondary' onClick={() => Taro.navigateTo({ url: SURVEY_SUMMARY_PAGE })}>
          看看以往的调查结果
        </Button>
      </View>
    </Card>
  )
}

export default function AnswerPage() {
  const router = useRouter()
  const id = Number(router.params.id)
  const me = useMe()
  const large = useLargeText()
  const setLarge = useLargeTextSetting((s) => s.setLarge)
  const key = draftKey(me?.id, id)
  const draft = useSurveyDrafts((s) => s.drafts[key])
  const store = useSurveyDrafts.getState
  const [view, setView] = useState<View_>({ kind: 'intro' })
  const [stepError, setStepError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)

  // Loaded once: the answers in progress stay on screen while the resident comes and goes.
  const load = useLoader(
    () =>
      surveysApi.get(id, true).then((s) => {
        // Answered (maybe on another phone, or the reply to a submit was lost): the draft has no more use.
        if (s.answered) store().clear(key)
        return s
      }),
    {
      enabled: id > 0,
      stale: () => false,
      errorText: (e) => (e instanceof ApiRequestError && e.status === 404 ? '没有找到这份问卷，可能已被撤下' : '问卷没有加载出来，请检查网络后重试'),
    },
  )
  const survey = load.data
  const setSurvey = load.set
  const share = useShare(survey ? { kind: 'survey', id, title: survey.title } : null)

  const questions = useMemo(() => survey?.questions ?? [], [survey])
  const screens = useMemo(() => screensFor(questions, large), [questions, large])
  const answers = draft?.answers ?? {}

  const setAnswer = (questionId: string, value: SurveyAnswerValue) => {
    store().setAnswer(key, questionId, value)
    setStepError(null)
  }

  const goScreen = (index: number) => {
    const s = Math.max(0, Math.min(screens.length - 1, index))
    store().setAt(key, screens[s]?.[0] ?? 0)
    setStepError(null)
    setView({ kind: 'screen', index: s })
    toTop()
  }

  const goQuestion = (questionIndex: number) => goScreen(screenOf(screens, questionIndex))

  const next = (index: number) => {
    const missing = screens[index].find((i) => questions[i].required && !isAnswered(questions[i], answers[questions[i].id]))
    if (missing !== undefined) {
      const q = questions[missing]
      const dk = q.type === 'likert' ? q.scale.dkLabel : undefined
      setStepError(
        screens[index].length > 1
          ? `第 ${missing + 1} 题还没有回答${dk ? `；不清楚可以选“${dk}”` : ''}`
          : `请先选一个答案${dk ? `；不清楚可以选“${dk}”` : ''}`,
      )
      return
    }
    if (index + 1 >= screens.length) {
      setStepError(null)
      setView({ kind: 'review' })
      toTop()
    } else goScreen(index + 1)
  }

  const submit = async () => {
    if (!survey || submitting) return
    const missing = firstMissing(questions, answers)
    if (missing >= 0) {
      goQuestion(missing)
      return
    }
    const payload = toSubmitAnswers(questions, answers)
    // The same key for the same answers, even after the app was closed: a retry is replayed, never counted twice.
    const idempotencyKey = store().keyFor(key, payload)
    setSubmitting(true)
    try {
      await surveysApi.submit(survey.id, payload, idempotencyKey)
      store().clear(key)
      setSurvey({ ...survey, answered: true, canAnswer: false })
      setView({ kind: 'done', already: false })
    } catch (e) {
      const refusal = refusalOf(e)
      if (refusal.kind === 'submitted') {
        store().clear(key)
        setSurvey({ ...survey, answered: true, canAnswer: false })
        setView({ kind: 'done', already: true })
      } else if (refusal.kind === 'invalid' && refusal.questionId) {
        const qi = questions.findIndex((q) => q.id === refusal.questionId)
        if (qi >= 0) goQuestion(qi)
        setStepError(refusal.text)
      } else {
        setView({ kind: 'refused', refusal })
      }
    } finally {
      setSubmitting(false)
      toTop()
    }
  }

  if (!(id > 0)) return <PageNotice title='没有找到这份问卷' />
  if (!survey) {
    return (
      <Page>
        <LoadState load={load} />
      </Page>
    )
  }

  const total = questions.length
  let content
  if (view.kind === 'done' || (survey.answered && view.kind !== 'refused')) {
    content = <Done survey={survey} already={view.kind === 'done' ? view.already : true} />
  } else if (view.kind === 'refused') {
    const r = view.refusal
    content = (
      <Card title={r.title} tone={r.kind === 'retry' ? 'warn' : 'danger'}>
        <Text className='card__text'>{r.text}</Text>
        <View className='btn-stack card__action'>
          {r.kind === 'retry' && (
            <Button loading={submitting} onClick={submit}>
              再提交一次
            </Button>
          )}
          {r.kind === 'verify' && <Button onClick={() => Taro.navigateTo({ url: RESIDENCE_PAGE })}>去认证</Button>}
          {r.kind === 'retry' && (
            <Button kind='secondary' onClick={() => setView({ kind: 'review' })}>
              返回检查回答
            </Button>
          )}
          <Button kind='plain' onClick={() => Taro.switchTab({ url: SURVEYS_TAB })}>
            返回问卷列表
          </Button>
        </View>
      </Card>
    )
  } else if (!survey.canAnswer) {
    const reason = cannotAnswerReason(survey, !!me?.verified) ?? '这份问卷现在不能填写'
    content = (
      <View>
        <Card title={survey.title} extra={<Badge tone={STATUS_TONE[survey.status]}>{SURVEY_STATUS_NAMES[survey.status]}</Badge>}>
          <Text className='card__lead'>{reason}</Text>
          {survey.status === 'scheduled' && survey.opensAt && <Text className='card__note'>{formatDateTime(survey.opensAt)} 开始</Text>}
          {!me?.verified && (
            <Button className='card__action' onClick={() => Taro.navigateTo({ url: RESIDENCE_PAGE })}>
              去认证
            </Button>
          )}
        </Card>
        {survey.responseNote && (
          <Card title='居委会的回应' tone='success'>
            <ResponseNote note={survey.responseNote} />
          </Card>
        )}
      </View>
    )
  } else if (view.kind === 'intro') {
    const started = hasAnswers(draft)
    const at = Math.min(draft?.at ?? 0, Math.max(0, total - 1))
    content = (
      <View>
        <Card title={survey.title} tone='accent'>
          <Text className='card__text'>{survey.intro}</Text>
          <Text className='card__note'>
            {lengthText(survey)} · {closingText(survey.closesAt)}
          </Text>
          <Text className='card__note'>面向：{survey.unitName}的已认证居民，每人填一次。</Text>
        </Card>
        <Card>
          <SwitchRow label='大字模式' hint='字更大，每屏只显示一道题' checked={large} onChange={setLarge} />
        </Card>
        <View className='btn-stack'>
          <Button onClick={() => goQuestion(started ? at : 0)}>{started ? `继续填写（第 ${at + 1} 题）` : '开始填写'}</Button>
          {started && (
            <Button
              kind='plain'
              onClick={async () => {
                if (await confirm({ title: '重新开始', content: '清空已经填的回答，从第 1 题重新填？', confirmText: '清空' })) {
                  store().clear(key)
                  goQuestion(0)
                }
              }}
            >
              清空重新填
            </Button>
          )}
        </View>
        {started && <Text className='sv-saved'>已填 {answeredCount(questions, answers)} 题，回答保存在这台手机上。</Text>}
        <ShareCard share={share} what='问卷' />
      </View>
    )
  } else if (view.kind === 'review') {
    const missing = questions.map((q, i) => (q.required && !isAnswered(q, answers[q.id]) ? i : -1)).filter((i) => i >= 0)
    content = (
      <View>
        <Card title='检查并提交' tone={missing.length ? 'warn' : 'success'}>
          <Text className='card__lead'>
            已回答 {answeredCount(questions, answers)} / {total} 题
          </Text>
          {missing.length > 0 ? (
            <View>
              <Text className='card__text'>还有 {missing.length} 道题没有回答，点下面的题号去补上：</Text>
              <View className='sv-missing'>
                {missing.map((i) => (
                  <Button key={i} small kind='secondary' onClick={() => goQuestion(i)}>
                    第 {i + 1} 题
                  </Button>
                ))}
              </View>
            </View>
          ) : (
            <Text className='card__text'>都答好了。提交后不能再修改，每人只能提交一次。</Text>
          )}
        </Card>
        <Card title='您的回答'>
          {questions.map((q, i) => (
            <View key={q.id} className='sv-review' onClick={() => goQuestion(i)}>
              <Text className='sv-review__question'>
                {i + 1}. {q.text}
              </Text>
              <Text className={`sv-review__answer ${isAnswered(q, answers[q.id]) ? '' : 'sv-review__answer--missing'}`}>{answerText(q, answers[q.id])}</Text>
            </View>
          ))}
          <Text className='card__note'>点一道题可以回去修改。</Text>
        </Card>
        {stepError && <Text className='sv-error'>{stepError}</Text>}
        <View className='sv-nav'>
          <Button kind='plain' onClick={() => goScreen(screens.length - 1)}>
            上一题
          </Button>
          <Button className='sv-nav__next' loading={submitting} disabled={missing.length > 0} onClick={submit}>
            提交问卷
          </Button>
        </View>
        <Text className='sv-saved'>问卷匿名：您的回答和您的账号分开保存。</Text>
      </View>
    )
  } else {
    const index = Math.min(view.index, screens.length - 1)
    const screen = screens[index] ?? []
    const first = questions[screen[0]]
    const prevQ = screen[0] > 0 ? questions[screen[0] - 1] : null
    const instrument = first?.instrumentId ? INSTRUMENTS[first.instrumentId] : null
    // The questionnaire's instruction, above the first question of each part (and on every screen in 大字模式).
    const showIntro = instrument && (large || !prevQ || prevQ.instrumentId !== first.instrumentId)
    const last = index + 1 >= screens.length
    content = (
      <View>
        <View className='sv-progress'>
          <View className='sv-progress__row'>
            <Text className='sv-progress__text'>{progressText(screen, total)}</Text>
          </View>
          <View className='sv-progress__track'>
            <View className='sv-progress__fill' style={{ width: `${Math.round(progressShare(screen, total) * 100)}%` }} />
          </View>
        </View>
        <Card>
          {showIntro && <Text className='sv-intro'>{instrument.intro}</Text>}
          {screen.map((i) => (
            <QuestionView
              key={questions[i].id}
              question={questions[i]}
              number={i + 1}
              hideNumber={screen.length === 1}
              value={answers[questions[i].id]}
              onChange={(v) => setAnswer(questions[i].id, v)}
            />
          ))}
        </Card>
        {stepError && <Text className='sv-error'>{stepError}</Text>}
        <View className='sv-nav'>
          <Button kind='plain' onClick={() => (index === 0 ? setView({ kind: 'intro' }) : goScreen(index - 1))}>
            {screen.length > 1 ? '上一页' : '上一题'}
          </Button>
          <Button className='sv-nav__next' onClick={() => next(index)}>
            {last ? '检查并提交' : screen.length > 1 ? '下一页' : '下一题'}
          </Button>
        </View>
        <Text className='sv-saved'>回答随时保存在手机上，可以先离开，回来接着填。</Text>
      </View>
    )
  }

  return (
    <Page>
      {content}
    </Page>
  )
}
