import Taro, { useRouter } from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import type { IndexInputValue } from '@yishi/types/scoring'
import type { IndexReport, IndicatorInputEntry } from '@yishi/types'
import { shanghaiYear } from '@yishi/types/time'
import { Page, PageNotice } from '@/accounts/Page'
import { Badge, Card, Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { formatDateTime } from '@/shared/format'
import { newIdempotencyKey } from '@/shared/request'
import { useMe } from '@/accounts/me'
import { CHANGNING_2022 } from '@/scoring/changning2022'
import { indicatorsApi } from '@/indicators/api'
import {
  draftFrom,
  formatInputValue,
  innerRule,
  manualFields,
  parseField,
  periodLabel,
  ruleText,
  sameValue,
  type FieldDraft,
  type ManualField,
} from '@/indicators/tree'
import { isAdmin } from '@/committee/surveys/units'
import '@/indicators/indicators.css'

const FIELDS = manualFields(CHANGNING_2022)
const FIELD_BY_KEY = new Map(FIELDS.map((f) => [f.key, f]))

function platformDetail(report: IndexReport | null, key: string): string | null {
  if (!report) return null
  const [leafId, partId] = key.split('.')
  const p = report.provenance[leafId]
  const entry = partId ? p?.parts?.[partId] : p
  return entry?.platform?.detail ?? null
}

function FieldEditor({ field, draft, onChange, current, platform, error }: {
  field: ManualField
  draft: FieldDraft
  onChange(d: FieldDraft): void
  current: IndicatorInputEntry | undefined
  platform: string | null
  error?: string
}) {
  const r = innerRule(field.rule)
  let editor
  if (r.kind === 'checklist') {
    editor = r.items.map((item) => {
      const v = draft.checks?.[item.id] ?? null
      const set = (x: boolean | null) => onChange({ ...draft, checks: { ...(draft.checks ?? {}), [item.id]: x } })
      return (
        <View className='ix-check' key={item.id}>
          <Text className='ix-check__label'>{item.label}</Text>
          <View className='ix-check__options'>
            {([
              [true, '是'],
              [false, '否'],
              [null, '不填'],
            ] as const).map(([x, label]) => (
              <View key={label} className={`ix-check__option ${v === x ? 'ix-check__option--on' : ''}`} onClick={() => set(x)}>
                <Text>{label}</Text>
              </View>
            ))}
          </View>
        </View>
      )
    })
  } else if (r.kind === 'relativeBands') {
    editor = (
      <View>
        <View className='ix-field__row'>
          <Text className='ix-field__unit'>本社区</Text>
          <Input className='field__input' type='digit' value={draft.text ?? ''} onInput={(e) => onChange({ ...draft, text: e.detail.value })} />
          <Text className='ix-field__unit'>{r.unit}</Text>
        </View>
        <View className='ix-field__row'>
          <Text className='ix-field__unit'>同类平均</Text>
          <Input className='field__input' type='digit' value={draft.peer ?? ''} onInput={(e) => onChange({ ...draft, peer: e.detail.value })} />
          <Text className='ix-field__unit'>{r.unit}</Text>
        </View>
      </View>
    )
  } else {
    const unit = r.kind === 'bands' || r.kind === 'questionnaire' ? '%' : r.kind === 'perCount' ? r.unit : '分'
    editor = (
      <View className='ix-field__row'>
        <Input
          className='field__input'
          type={r.kind === 'perCount' ? 'number' : 'digit'}
          value={draft.text ?? ''}
          placeholder='不填'
          placeholderClass='field__placeholder'
          onInput={(e) => onChange({ ...draft, text: e.detail.value })}
        />
        <Text className='ix-field__unit'>{unit}</Text>
      </View>
    )
  }
  return (
    <View className='ix-field' id={`field-${field.key.replace('.', '-')}`}>
      <Text className='ix-field__name'>
        {field.name}（{field.max} 分）
      </Text>
      <Text className='ix-field__rule'>{ruleText(field.rule, field.max)}</Text>
      {platform && <Text className='ix-field__rule'>平台记录：{platform}（不录入就用平台记录）</Text>}
      {current && current.value !== null && (
        <Text className='ix-field__rule'>
          现在：{formatInputValue(field.rule, current.value)} · {current.enteredBy.label} {formatDateTime(current.enteredAt)}
        </Text>
      )}
      {editor}
      {error && <Text className='field__error'>{error}</Text>}
    </View>
  )
}

/** 录入评估数据: the 街镇's manual entries for a 居民区 and a period, with who entered what and when. */
export default function IndicatorInputsPage() {
  const router = useRouter()
  const me = useMe()
  const unitId = Number(router.params.unitId)
  const period = router.params.period ?? shanghaiYear(Date.now())
  const [drafts, setDrafts] = useState<Record<string, FieldDraft>>({})
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [note, setNote] = useState('')
  const action = useAction()
  const [saveKey, setSaveKey] = useState(newIdempotencyKey)

  const load = useLoader(
    async () => {
      const [report, h] = await Promise.all([indicatorsApi.report({ unitId, period }, true), indicatorsApi.inputs({ unitId, period }, true)])
      const cur = new Map(h.items.filter((e) => e.current).map((e) => [e.leafId, e]))
      setDrafts(Object.fromEntries(FIELDS.map((f) => [f.key, draftFrom(f.rule, cur.get(f.key)?.value ?? null)])))
      return { report, history: h.items }
    },
    { when: 'mount', enabled: unitId > 0 },
  )

  if (me && !isAdmin(me)) {
    return <PageNotice title='只有街镇工作人员可以录入评估数据' text='评估不由居委会自评：党员报到率、专家打分等由街镇录入。' />
  }
  if (!(unitId > 0) || load.error) {
    return <PageNotice title='没有加载出来' text='请从评估指标页重新进入。' />
  }
  if (!load.data) {
    return <PageNotice title='正在加载…' />
  }
  const { report, history } = load.data
  const current = new Map(history.filter((e) => e.current).map((e) => [e.leafId, e]))

  const save = () => {
    const inputs: Record<string, IndexInputValue | null> = {}
    const problems: Record<string, string> = {}
    for (const f of FIELDS) {
      const parsed = parseField(f, drafts[f.key] ?? {})
      if (parsed.error) {
        problems[f.key] = parsed.error
        continue
      }
      const was = current.get(f.key)?.value ?? null
      const now = parsed.value ?? null
      if (!sameValue(was, now)) inputs[f.key] = now
    }
    setErrors(problems)
    const firstBad = Object.keys(problems)[0]
    if (firstBad) {
      Taro.showToast({ title: '有数值需要修改，请看红色提示', icon: 'none' })
      void Taro.pageScrollTo({ selector: `#field-${firstBad.replace('.', '-')}`, duration: 200 }).catch(() => undefined)
      return
    }
    const keys = Object.keys(inputs)
    if (keys.length === 0) {
      Taro.showToast({ title: '没有修改', icon: 'none' })
      return
    }
    const cleared = keys.filter((k) => inputs[k] === null).map((k) => FIELD_BY_KEY.get(k)?.name ?? k)
    void action.run(
      'save',
      async () => {
        const r = await indicatorsApi.saveInputs({ unitId, period, inputs, ...(note.trim() ? { note: note.trim() } : {}) }, saveKey)
        const h = await indicatorsApi.inputs({ unitId, period }, true)
        load.set({ report: r, history: h.items })
        setSaveKey(newIdempotencyKey())
        setNote('')
        return r
      },
      {
        ask: cleared.length ? { title: '清除录入', content: `将清除：${cleared.join('、')}。这些项目改用平台记录或按缺数据计算。` } : undefined,
        done: (r) => `已保存 ${keys.length} 项，总分 ${r.result.total}`,
      },
    )
  }

  const groups = [...new Set(FIELDS.filter((f) => !f.questionnaire).map((f) => f.path[0]))]
  const field = (f: ManualField) => (
    <FieldEditor
      key={f.key}
      field={f}
      draft={drafts[f.key] ?? {}}
      onChange={(d) => {
        setDrafts((all) => ({ ...all, [f.key]: d }))
        setErrors((all) => ({ ...all, [f.key]: '' }))
      }}
      current={current.get(f.key)}
      platform={platformDetail(report, f.key)}
      error={errors[f.key]}
    />
  )

  return (
    <Page>
      <Card title={`${report.unit.name} · ${periodLabel(period)}`} tone='accent'>
        <Text className='card__text'>填写需要街镇掌握的数据。每次录入都记下是谁、什么时候录的；最新一次为准，旧的保留在下面的记录里。</Text>
        <Text className='card__note'>现在总分 {report.result.total} / {report.result.max}</Text>
      </Card>

      {groups.map((g) => (
        <Section title={g} key={g}>
          <Card>{FIELDS.filter((f) => !f.questionnaire && f.path[0] === g).map(field)}</Card>
        </Section>
      ))}
      <Section title='问卷得分率（备用）'>
        <Text className='hint'>本期有结束的问卷（至少 10 人有效回答）时用问卷的得分；只有没有问卷时才用这里填的得分率。</Text>
        <Card>{FIELDS.filter((f) => f.questionnaire).map(field)}</Card>
      </Section>

      <Section title='保存'>
        <Card>
          <Text className='field__label'>说明（可不填）</Text>
          <Textarea
            className='field__input field__textarea'
            value={note}
            maxlength={500}
            placeholder='例如：依据街道年度考核材料'
            placeholderClass='field__placeholder'
            onInput={(e) => setNote(e.detail.value)}
          />
        </Card>
        <Button loading={!!action.busy} onClick={save}>
          保存修改
        </Button>
      </Section>

      <Section title='录入记录'>
        {history.length === 0 && <EmptyState title='这一期还没有录入过' />}
        {history.length > 0 && (
          <Card>
            {history.map((e) => {
              const f = FIELD_BY_KEY.get(e.leafId)
              return (
                <View className='ix-history' key={e.id}>
                  <View className='ix-history__head'>
                    <Text className='ix-history__name'>{e.leafName}</Text>
                    <Badge tone={e.current ? 'success' : 'neutral'}>{e.current ? '在用' : '已更新'}</Badge>
                  </View>
                  <Text className='ix-line'>{f ? formatInputValue(f.rule, e.value) : JSON.stringify(e.value)}</Text>
                  <Text className='ix-line'>
                    {e.enteredBy.label} · {formatDateTime(e.enteredAt)}
                    {e.note ? ` · ${e.note}` : ''}
                  </Text>
                </View>
              )
            })}
          </Card>
        )}
      </Section>
    </Page>
  )
}
