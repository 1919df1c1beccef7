import Taro, { useRouter } from '@tarojs/taro'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { InstrumentId } from '@yishi/types/scoring'
import type { SurveyDetail, SurveyTemplate, SurveyTemplateId } from '@yishi/types'
import { addShanghaiDays, shanghaiDay, shanghaiYear } from '@yishi/types/time'
import { Page, PageNotice } from '@/accounts/Page'
import { Badge, Card, Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { confirm } from '@/shared/ui/confirm'
import { LoadState } from '@/shared/ui/LoadState'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { newIdempotencyKey } from '@/shared/request'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { INSTRUMENTS } from '@/scoring/instruments'
import { surveysApi } from '@/surveys/api'
import { minutesText } from '@/surveys/logic'
import { COMMITTEE_SURVEY_DETAIL_PAGE, COMMITTEE_SURVEY_EDIT_PAGE } from '@/surveys/routes'
import { committeeSurveysApi } from './api'
import { blankQuestion, cleanInput, closeDateToIso, isoToShanghaiDate, questionProblem, toInput } from './labels'
import { editable, fromEditable, QuestionEditor, type EditableQuestion } from './QuestionEditor'
import { servedNeighbourhoods } from './units'
import './committee-surveys.css'

/** The five questionnaires in the annual survey's order. */
const INSTRUMENT_ORDER: InstrumentId[] = ['awareness', 'satisfaction', 'belonging', 'cohesion', 'atmosphere']
const SECONDS_PER_QUESTION = 8

const today = () => shanghaiDay(Date.now())
const inDays = (n: number) => addShanghaiDays(today(), n)

function CloseDate({ value, onChange, hint }: { value: string | null; onChange(v: string | null): void; hint: string }) {
  return (
    <View>
      <Picker mode='date' value={value ?? inDays(14)} start={today()} onChange={(e) => onChange(String(e.detail.value))}>
        <View className='list-row'>
          <View className='list-row__main'>
            <Text className='list-row__label'>截止日期</Text>
            <Text className='list-row__hint'>{hint}</Text>
          </View>
          <View className='list-row__value'>
            <Text className='list-row__text'>{value ?? '不设'}</Text>
            <Text className='list-row__arrow'>›</Text>
          </View>
        </View>
      </Picker>
      {value && (
        <Text className='cs-link' onClick={() => onChange(null)}>
          不设截止日期（由居委会手动结束）
        </Text>
      )}
    </View>
  )
}

// ---- create from a template ------------------------------------------------------------------------

function CreateForm() {
  const me = useMe()
  const [nbId, setNbId] = useState<number | null>(null)
  const [scopeId, setScopeId] = useState<number | null>(null)
  const [estateOpen, setEstateOpen] = useState<number | null>(null)
  const [template, setTemplate] = useState<SurveyTemplateId>('annual')
  const [title, setTitle] = useState('')
  const [titleTouched, setTitleTouched] = useState(false)
  const [closeDate, setCloseDate] = useState<string | null>(inDays(14))
  const action = useAction()
  const [createKey] = useState(newIdempotencyKey)

  const load = useLoader(
    async () => {
      void Taro.setNavigationBarTitle({ title: '新建问卷' })
      const [t, u] = await Promise.all([committeeSurveysApi.templates(), committeeSurveysApi.units()])
      const served = servedNeighbourhoods(me, u.units)
      if (served.length === 1) setNbId(served[0].id)
      const annual = t.templates.find((x) => x.id === 'annual')
      if (annual) setTitle(`${shanghaiYear(Date.now())}年${annual.title}`)
      return { templates: t.templates, tree: u.units }
    },
    { when: 'mount' },
  )
  const templates = load.data?.templates ?? null
  const tree = load.data?.tree ?? []

  const nbs = servedNeighbourhoods(me, tree)
  const nb = nbs.find((n) => n.id === nbId) ?? null
  const pick = (t: SurveyTemplate) => {
    setTemplate(t.id)
    if (!titleTouched) setTitle(t.id === 'annual' ? `${shanghaiYear(Date.now())}年${t.title}` : t.title)
  }

  const create = () => {
    if (!nb) {
      Taro.showToast({ title: '请选择居民区', icon: 'none' })
      return
    }
    if (!title.trim()) {
      Taro.showToast({ title: '请填写问卷标题', icon: 'none' })
      return
    }
    void action.run(
      'create',
      async () => {
        const s = await committeeSurveysApi.create(
          { unitId: scopeId ?? nb.id, template, title: title.trim(), closesAt: closeDate ? closeDateToIso(closeDate) : null },
          createKey,
        )
        void Taro.redirectTo({ url: `${COMMITTEE_SURVEY_EDIT_PAGE}?id=${s.id}` })
      },
      { done: '草稿已创建' },
    )
  }

  if (!templates) return <LoadState load={load} title='没有加载出来' text='请检查网络后返回重试。' retry={false} />

  return (
    <View>
      {nbs.length > 1 && (
        <Section title='哪个居民区'>
          <View className='choices'>
            {nbs.map((n) => (
              <View
                key={n.id}
                className={`choice choice--compact ${n.id === nbId ? 'choice--selected' : ''}`}
                hoverClass='choice--pressed'
                onClick={() => {
                  setNbId(n.id)
                  setScopeId(null)
                  setEstateOpen(null)
                }}
              >
                <Text className='choice__title'>{n.name}</Text>
              </View>
            ))}
          </View>
        </Section>
      )}

      <Section title='从哪个模板开始'>
        <View className='choices'>
          {templates.map((t) => (
            <View
              key={t.id}
              id={`template-${t.id}`}
              className={`choice ${t.id === template ? 'choice--selected' : ''}`}
              hoverClass='choice--pressed'
              onClick={() => pick(t)}
            >
              <Text className='choice__title'>{t.title}</Text>
              <Text className='choice__text'>
                {t.id === 'blank' ? '自己出题：单选、多选、量表、打分、简答' : `${t.questionCount} 题，${minutesText(t.estimatedMinutes)}；答案计入评估指标`}
              </Text>
            </View>
          ))}
        </View>
        <Text className='hint'>指标问卷的题目来自评估题库，不能改动；可以在后面加自己的题目（需求调研）。</Text>
      </Section>

      {nb && (
        <Section title='面向哪些居民'>
          <View className='choices'>
            <View
              className={`choice choice--compact ${scopeId === null ? 'choice--selected' : ''}`}
              hoverClass='choice--pressed'
              onClick={() => {
                setScopeId(null)
                setEstateOpen(null)
              }}
            >
              <Text className='choice__title'>整个{nb.name}</Text>
              <Text className='choice__text'>年度调查请选这一项，结果才能计入评估指标</Text>
            </View>
            {nb.children.map((e) => (
              <View key={e.id}>
                <View
                  className={`choice choice--compact ${scopeId === e.id ? 'choice--selected' : ''}`}
                  hoverClass='choice--pressed'
                  onClick={() => {
                    setScopeId(e.id)
                    setEstateOpen(e.id)
                  }}
                >
                  <Text className='choice__title'>{e.name}</Text>
                  <Text className='choice__text'>整个小区，或再选一个楼组</Text>
                </View>
                {estateOpen === e.id && (
                  <View className='tiles cs-buildings'>
                    {e.children.map((b) => (
                      <View key={b.id} className={`tile ${scopeId === b.id ? 'tile--selected' : ''}`} hoverClass='tile--pressed' onClick={() => setScopeId(b.id)}>
                        <Text>{b.name}</Text>
                      </View>
                    ))}
                  </View>
                )}
              </View>
            ))}
          </View>
        </Section>
      )}

      <Section title='标题和时间'>
        <Card>
          <Text className='field__label'>问卷标题</Text>
          <View id='survey-title'>
            <Input
              className='field__input'
              value={title}
              maxlength={60}
              placeholder='例如：2026年年度居民感受调查'
              placeholderClass='field__placeholder'
              onInput={(e) => {
                setTitle(e.detail.value)
                setTitleTouched(true)
              }}
            />
          </View>
          <CloseDate value={closeDate} onChange={setCloseDate} hint='到这天晚上 24 点停止填写' />
        </Card>
      </Section>
      <Button loading={!!action.busy} onClick={create}>
        创建草稿
      </Button>
      <Text className='hint cs-after'>草稿只有居委会能看到。创建后可以加题、修改，确认无误再发布。</Text>
    </View>
  )
}

// ---- edit a draft (or a published survey's title, introduction and close date) ------------------

function EditForm({ id, fromDetail }: { id: number; fromDetail: boolean }) {
  const [title, setTitle] = useState('')
  const [intro, setIntro] = useState('')
  const [closeDate, setCloseDate] = useState<string | null>(null)
  const [instruments, setInstruments] = useState<InstrumentId[]>([])
  const [customs, setCustoms] = useState<EditableQuestion[]>([])
  const action = useAction()
  const busy = action.busy

  /** The form starts from the survey as stored, and again from what the server kept after a save. */
  const fill = (s: SurveyDetail) => {
    setTitle(s.title)
    setIntro(s.intro)
    setCloseDate(isoToShanghaiDate(s.closesAt))
    setInstruments(s.instruments)
    setCustoms(s.questions.filter((q) => !q.instrumentId).map((q) => editable(toInput(q))))
  }
  const load = useLoader(() => surveysApi.get(id).then((s) => (fill(s), s)), { when: 'mount' })
  const survey = load.data

  if (!survey) return <LoadState load={load} title='问卷没有加载出来' text='请检查网络后返回重试。' retry={false} />
  if (survey.state === 'closed') return <EmptyState title='问卷已经结束，不能再修改' text='如需再次调查，请在问卷页“复制为新一轮”。' />

  const draft = survey.state === 'draft'
  const instrumentCount = instruments.reduce((n, i) => n + INSTRUMENTS[i].items.length, 0)
  const total = instrumentCount + customs.length
  const minutes = Math.max(1, Math.ceil((total * SECONDS_PER_QUESTION) / 60))

  const toggleInstrument = (i: InstrumentId) =>
    setInstruments((list) => (list.includes(i) ? list.filter((x) => x !== i) : INSTRUMENT_ORDER.filter((x) => x === i || list.includes(x))))
  const updateCustom = (index: number, next: EditableQuestion) => setCustoms((list) => list.map((q, i) => (i === index ? next : q)))
  const move = (index: number, delta: -1 | 1) =>
    setCustoms((list) => {
      const to = index + delta
      if (to < 0 || to >= list.length) return list
      const copy = [...list]
      ;[copy[index], copy[to]] = [copy[to], copy[index]]
      return copy
    })
  const remove = async (index: number) => {
    if (await confirm({ title: '删除这道题', content: '确定删除吗？', confirmText: '删除', danger: true })) setCustoms((list) => list.filter((_, i) => i !== index))
  }

  const save = (then: 'stay' | 'next') => {
    if (!title.trim()) {
      Taro.showToast({ title: '请填写问卷标题', icon: 'none' })
      return
    }
    let bad = false
    const checked = customs.map((c) => {
      const problem = questionProblem(fromEditable(c))
      if (problem) bad = true
      return { ...c, error: problem }
    })
    setCustoms(checked)
    if (bad) {
      Taro.showToast({ title: '有题目需要修改，请看红色提示', icon: 'none' })
      return
    }
    if (draft && total === 0) {
      Taro.showToast({ title: '问卷还没有题目', icon: 'none' })
      return
    }
    const body = {
      title: title.trim(),
      intro: intro.trim(),
      closesAt: closeDate ? closeDateToIso(closeDate) : null,
      ...(draft ? { instruments, questions: checked.map((c) => cleanInput(fromEditable(c))) } : {}),
    }
    void action.run(
      then === 'stay' ? 'save' : 'next',
      async () => {
        const saved = await committeeSurveysApi.update(id, body)
        load.set(saved)
        fill(saved)
        if (then === 'next') {
          if (fromDetail) void Taro.navigateBack()
          else void Taro.redirectTo({ url: `${COMMITTEE_SURVEY_DETAIL_PAGE}?id=${id}` })
        }
      },
      { done: '已保存' },
    )
  }

  return (
    <View>
      <Card title={draft ? '编辑草稿' : '修改已发布的问卷'} extra={<Badge tone={draft ? 'neutral' : 'accent'}>{draft ? '草稿' : '已发布'}</Badge>}>
        <Text className='card__text'>
          面向 {survey.unitName} · 共 {total} 题，{minutesText(minutes)}
        </Text>
        {!draft && <Text className='card__note'>已发布的问卷题目不能再改（前后回答的含义会不同），只能改标题、说明和截止日期。要改题目，请结束后复制为新一轮。</Text>}
      </Card>

      <Section title='标题和说明'>
        <Card>
          <Text className='field__label'>问卷标题</Text>
          <View id='survey-title'>
            <Input className='field__input' value={title} maxlength={60} onInput={(e) => setTitle(e.detail.value)} />
          </View>
          <Text className='field__label'>开头的说明（居民先看到这段话）</Text>
          <Textarea className='field__input field__textarea cs-intro' value={intro} maxlength={1000} onInput={(e) => setIntro(e.detail.value)} />
          <CloseDate value={closeDate} onChange={setCloseDate} hint='到这天晚上 24 点停止填写' />
        </Card>
      </Section>

      {draft && (
        <Section title='指标问卷（计入评估指标）'>
          <Card>
            {INSTRUMENT_ORDER.map((i) => (
              <View key={i} className={`choice choice--compact ${instruments.includes(i) ? 'choice--selected' : ''}`} hoverClass='choice--pressed' onClick={() => toggleInstrument(i)}>
                <Text className='choice__title'>
                  {instruments.includes(i) ? '✓ ' : ''}
                  {INSTRUMENTS[i].name}
                </Text>
                <Text className='choice__text'>
                  {INSTRUMENTS[i].items.length} 题 · 对应指标 {INSTRUMENTS[i].maxPoints} 分
                </Text>
              </View>
            ))}
            <Text className='card__note'>五项都选就是“年度居民感受调查”。题目来自评估题库，原样使用。</Text>
          </Card>
        </Section>
      )}

      {draft && (
        <Section title='自己的题目（需求调研）'>
          {customs.length === 0 && <Text className='hint'>还没有自己的题目。可以问问居民的需求和意见。</Text>}
          {customs.map((c, i) => (
            <QuestionEditor
              key={c.key}
              value={c}
              number={i + 1}
              first={i === 0}
              last={i === customs.length - 1}
              onChange={(next) => updateCustom(i, next)}
              onRemove={() => remove(i)}
              onMove={(d) => move(i, d)}
            />
          ))}
          <Button kind='secondary' onClick={() => setCustoms((list) => [...list, editable(blankQuestion('single'))])}>
            加一道题
          </Button>
        </Section>
      )}

      <View className='btn-row cs-after'>
        <Button kind='secondary' loading={busy === 'save'} disabled={!!busy} onClick={() => save('stay')}>
          保存
        </Button>
        <Button loading={busy === 'next'} disabled={!!busy} onClick={() => save('next')}>
          {draft ? '保存，去发布' : '保存并返回'}
        </Button>
      </View>
    </View>
  )
}

export default function SurveyEditPage() {
  const router = useRouter()
  const me = useMe()
  const id = Number(router.params.id)
  if (me && !isCommittee(me)) {
    return <PageNotice title='只有居委会和街镇工作人员可以编辑问卷' />
  }
  return (
    <Page>
      {id > 0 ? <EditForm id={id} fromDetail={router.params.from === 'detail'} /> : <CreateForm />}
    </Page>
  )
}
