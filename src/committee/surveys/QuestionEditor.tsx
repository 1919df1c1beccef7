import { Input, Text, Textarea, View } from '@tarojs/components'
import type { SurveyQuestionInput, SurveyQuestionType } from '@yishi/types'
import { SURVEY_QUESTION_TYPE_NAMES } from '@yishi/types'
import { Button } from '@/shared/ui/Button'
import { SwitchRow } from '@/shared/ui/ListRow'
import { blankQuestion, QUESTION_TYPES, splitLines } from './labels'

/** A custom question being written, with the raw text of its option lines (so typing a new line works). */
export interface EditableQuestion {
  key: string
  input: SurveyQuestionInput
  optionsText: string
  labelsText: string
  error?: string | null
}

let counter = 0
export function editable(input: SurveyQuestionInput): EditableQuestion {
  return {
    key: `q${++counter}`,
    input,
    optionsText: (input.options ?? []).join('\n'),
    labelsText: (input.labels ?? []).join('\n'),
  }
}

/** The question as it will be sent, from the editor's raw text. */
export function fromEditable(e: EditableQuestion): SurveyQuestionInput {
  const q = { ...e.input }
  if (q.type === 'single' || q.type === 'multiple') q.options = splitLines(e.optionsText)
  if (q.type === 'likert') q.labels = splitLines(e.labelsText)
  return q
}

interface Props {
  value: EditableQuestion
  number: number
  first: boolean
  last: boolean
  onChange(next: EditableQuestion): void
  onRemove(): void
  onMove(delta: -1 | 1): void
}

/** One custom question (需求调研): its type, text, options or scale, and whether it must be answered. */
export function QuestionEditor({ value, number, first, last, onChange, onRemove, onMove }: Props) {
  const q = value.input
  const set = (patch: Partial<SurveyQuestionInput>) => onChange({ ...value, input: { ...q, ...patch }, error: null })
  const setType = (type: SurveyQuestionType) => {
    if (type === q.type) return
    const fresh = blankQuestion(type)
    onChange({
      ...value,
      input: { ...fresh, id: q.id, text: q.text },
      labelsText: type === 'likert' && !value.labelsText ? (fresh.labels ?? []).join('\n') : value.labelsText,
      error: null,
    })
  }
  return (
    <View className={`card cs-qedit ${value.error ? 'card--danger' : ''}`}>
      <View className='card__head'>
        <Text className='card__title'>自定义第 {number} 题</Text>
      </View>
      <Text className='field__label'>题型</Text>
      <View className='tiles'>
        {QUESTION_TYPES.map((t) => (
          <View key={t} className={`tile cs-type ${t === q.type ? 'tile--selected' : ''}`} hoverClass='tile--pressed' onClick={() => setType(t)}>
            <Text>{SURVEY_QUESTION_TYPE_NAMES[t]}</Text>
          </View>
        ))}
      </View>
      <Text className='field__label'>题目</Text>
      <Textarea
        className='field__input field__textarea cs-qtext'
        value={q.text}
        maxlength={200}
        placeholder='例如：您家是否支持本楼加装电梯？'
        placeholderClass='field__placeholder'
        onInput={(e) => set({ text: e.detail.value })}
      />
      {(q.type === 'single' || q.type === 'multiple') && (
        <View>
          <Text className='field__label'>选项（每行一个）</Text>
          <Textarea
            className='field__input field__textarea cs-options'
            value={value.optionsText}
            maxlength={1200}
            placeholder={'支持\n不支持\n看费用再定'}
            placeholderClass='field__placeholder'
            onInput={(e) => onChange({ ...value, optionsText: e.detail.value, error: null })}
          />
        </View>
      )}
      {q.type === 'multiple' && (
        <View>
          <Text className='field__label'>最多可选几项（不填就不限）</Text>
          <Input
            className='field__input'
            type='number'
            value={q.maxChoices ? String(q.maxChoices) : ''}
            placeholder='不限'
            placeholderClass='field__placeholder'
            onInput={(e) => {
              const n = Number.parseInt(e.detail.value, 10)
              set({ maxChoices: Number.isFinite(n) && n > 0 ? n : undefined })
            }}
          />
        </View>
      )}
      {q.type === 'likert' && (
        <View>
          <Text className='field__label'>刻度（每行一个，从低到高）</Text>
          <Textarea
            className='field__input field__textarea cs-options'
            value={value.labelsText}
            maxlength={300}
            placeholderClass='field__placeholder'
            onInput={(e) => onChange({ ...value, labelsText: e.detail.value, error: null })}
          />
          <SwitchRow label='提供“不清楚”选项' hint='不了解情况的居民不必硬选' checked={!!q.dkLabel} onChange={(on) => set({ dkLabel: on ? '不清楚' : undefined })} />
        </View>
      )}
      {q.type === 'rating' && <Text className='hint'>居民从 1 到 10 打分。</Text>}
      <SwitchRow label='必须回答' hint={q.type === 'text' ? '简答题一般设为可以不答' : '关掉后居民可以跳过这道题'} checked={q.required ?? q.type !== 'text'} onChange={(on) => set({ required: on })} />
      {value.error && <Text className='field__error'>{value.error}</Text>}
      <View className='btn-row'>
        <Button small kind='plain' disabled={first} onClick={() => onMove(-1)}>
          上移
        </Button>
        <Button small kind='plain' disabled={last} onClick={() => onMove(1)}>
          下移
        </Button>
        <Button small kind='danger' onClick={onRemove}>
          删除
        </Button>
      </View>
    </View>
  )
}
