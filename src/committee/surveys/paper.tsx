import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { SurveyAnswerValue } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { LoadState } from '@/shared/ui/LoadState'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { Badge, Card, Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { newIdempotencyKey } from '@/shared/request'
import { surveysApi } from '@/surveys/api'
import { answeredCount, firstMissing, toSubmitAnswers, type AnswerMap } from '@/surveys/logic'
import { QuestionView } from '@/surveys/QuestionView'
import { committeeSurveysApi } from './api'
import { buildingsUnder, findUnit } from './units'
import './committee-surveys.css'

/**
 * 纸质问卷录入: a committee member copies one paper questionnaire. Only the respondent's 楼组 is kept
 * (for weighting by households), never who they are; the server marks it `paper`.
 */
export default function PaperEntryPage() {
  const router = useRouter()
  const id = Number(router.params.id)
  const [buildingId, setBuildingId] = useState<number | null>(null)
  const [answers, setAnswers] = useState<AnswerMap>({})
  const [problem, setProblem] = useState<string | null>(null)
  const action = useAction()
  const [entered, setEntered] = useState<number | null>(null)
  // One key per paper form: a retry of the same form is replayed, the next form gets a new key.
  const [formKey, setFormKey] = useState(newIdempotencyKey)

  const load = useLoader(() => Promise.all([surveysApi.get(id), committeeSurveysApi.units()]), { when: 'mount' })

  if (!load.data) {
    return (
      <Page>
        <LoadState load={load} title='没有加载出来' text='请检查网络后返回重试。' retry={false} />
      </Page>
    )
  }
  const [survey, { units: tree }] = load.data
  if (survey.state !== 'published') {
    return <PageNotice title={survey.state === 'draft' ? '问卷还没有发布，不能录入' : '问卷已经结束，不能再录入'} />
  }

  const questions = survey.questions
  const buildings = buildingsUnder(findUnit(tree, survey.unitId), tree)
  const estates = [...new Set(buildings.map((b) => b.estateName))]
  const setAnswer = (qid: string, v: SurveyAnswerValue) => {
    setAnswers((a) => ({ ...a, [qid]: v }))
    setProblem(null)
  }

  const submit = () => {
    if (buildingId === null) {
      setProblem('请先选择填表人住在哪个楼组')
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined)
      return
    }
    const missing = firstMissing(questions, answers)
    if (missing >= 0) {
      setProblem(`第 ${missing + 1} 题还没有录入（纸质问卷上没填的，必答题请选“不清楚”或与居民核实）`)
      void Taro.pageScrollTo({ selector: `#q-${questions[missing].id}`, duration: 200 }).catch(() => undefined)
      return
    }
    void action.run(
      'save',
      async () => {
        const res = await committeeSurveysApi.paper(survey.id, buildingId, toSubmitAnswers(questions, answers), formKey)
        // The next form is a new one; after a failure this one and its key stay for a retry.
        setEntered(res.paperResponses)
        setAnswers({})
        setFormKey(newIdempotencyKey())
        void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
        return res
      },
      { done: (res) => `已录入，共 ${res.paperResponses} 份纸质问卷` },
    )
  }

  return (
    <Page>
      <Card title={survey.title} extra={<Badge tone='warn'>纸质问卷</Badge>} tone='accent'>
        <Text className='card__text'>照着居民填好的纸质问卷逐题录入。只记录楼组（用于按户数加权），不记录是谁填的。</Text>
        {entered !== null && <Text className='card__lead cs-entered'>本问卷已录入纸质问卷 {entered} 份，可以接着录下一份。每份要由另一位工作人员在问卷详情里复核后才计入结果。</Text>}
      </Card>

      <Section title='填表人住在哪个楼组'>
        {estates.map((e) => (
          <View key={e} className='cs-estate'>
            <Text className='field__label'>{e}</Text>
            <View className='tiles'>
              {buildings
                .filter((b) => b.estateName === e)
                .map((b) => (
                  <View
                    key={b.id}
                    className={`tile ${buildingId === b.id ? 'tile--selected' : ''}`}
                    hoverClass='tile--pressed'
                    onClick={() => {
                      setBuildingId(b.id)
                      setProblem(null)
                    }}
                  >
                    <Text>{b.name}</Text>
                  </View>
                ))}
            </View>
          </View>
        ))}
      </Section>

      <Section title={`逐题录入（已录 ${answeredCount(questions, answers)} / ${questions.length} 题）`}>
        <Card>
          {questions.map((q, i) => (
            <QuestionView key={q.id} compact question={q} number={i + 1} value={answers[q.id]} onChange={(v) => setAnswer(q.id, v)} />
          ))}
        </Card>
      </Section>
      {problem && <Text className='field__error cs-problem'>{problem}</Text>}
      <Button loading={!!action.busy} onClick={submit}>
        保存这份纸质问卷
      </Button>
    </Page>
  )
}
