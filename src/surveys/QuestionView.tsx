import Taro from '@tarojs/taro'
import { Text, Textarea, View } from '@tarojs/components'
import type { SurveyAnswerValue, SurveyQuestion } from '@yishi/types'
import { toggleOption } from './logic'
import './surveys.css'

interface Props {
  question: SurveyQuestion
  /** 1-based, as printed: "第 3 题". */
  number: number
  value: SurveyAnswerValue | undefined
  onChange(value: SurveyAnswerValue): void
  /** Paper entry by the committee: scales as a row of tiles, to copy a form quickly. */
  compact?: boolean
  /** Hide the "第 n 题" line (the page shows the progress itself). */
  hideNumber?: boolean
}

function Option({ label, selected, onTap, kind = 'radio', muted }: { label: string; selected: boolean; onTap(): void; kind?: 'radio' | 'check'; muted?: boolean }) {
  return (
    <View
      className={`choice sv-option ${selected ? 'choice--selected' : ''} ${muted ? 'sv-option--muted' : ''}`}
      hoverClass='choice--pressed'
      onClick={onTap}
      ariaRole={kind === 'radio' ? 'radio' : 'checkbox'}
      ariaLabel={`${label}${selected ? '，已选' : ''}`}
    >
      <Text className={`sv-mark sv-mark--${kind} ${selected ? 'sv-mark--on' : ''}`}>{selected ? '✓' : ''}</Text>
      <Text className='sv-option__label'>{label}</Text>
    </View>
  )
}

function Tile({ label, selected, onTap, wide }: { label: string; selected: boolean; onTap(): void; wide?: boolean }) {
  return (
    <View className={`tile sv-tile ${wide ? 'sv-tile--wide' : ''} ${selected ? 'tile--selected' : ''}`} hoverClass='tile--pressed' onClick={onTap}>
      <Text>{label}</Text>
    </View>
  )
}

/** One question with big answer buttons: a scale (with 不清楚 where offered), options, a 1–10 rating or short text. */
export function QuestionView({ question: q, number, value, onChange, compact, hideNumber }: Props) {
  let body
  switch (q.type) {
    case 'likert': {
      const { min, labels, dkLabel } = q.scale
      if (compact) {
        body = (
          <View className='tiles sv-tiles'>
            {labels.map((label, i) => (
              <Tile key={label} label={label} selected={value === min + i} onTap={() => onChange(min + i)} />
            ))}
            {dkLabel && <Tile label={dkLabel} selected={value === 'dk'} onTap={() => onChange('dk')} />}
          </View>
        )
        break
      }
      body = (
        <View className='choices sv-choices'>
          {labels.map((label, i) => (
            <Option key={label} label={label} selected={value === min + i} onTap={() => onChange(min + i)} />
          ))}
          {dkLabel && (
            <View className='sv-dk'>
              <Option label={dkLabel} muted selected={value === 'dk'} onTap={() => onChange('dk')} />
            </View>
          )}
        </View>
      )
      break
    }
    case 'single':
      body = (
        <View className='choices sv-choices'>
          {q.options.map((label, i) => (
            <Option key={label} label={label} selected={value === i} onTap={() => onChange(i)} />
          ))}
        </View>
      )
      break
    case 'multiple': {
      const picked = Array.isArray(value) ? value : []
      body = (
        <View className='choices sv-choices'>
          <Text className='sv-hint'>{q.maxChoices ? `可以多选，最多选 ${q.maxChoices} 项` : '可以多选'}</Text>
          {q.options.map((label, i) => (
            <Option
              key={label}
              kind='check'
              label={label}
              selected={picked.includes(i)}
              onTap={() => {
                const next = toggleOption(picked, i, q.maxChoices)
                if (next === null) Taro.showToast({ title: `最多选 ${q.maxChoices} 项`, icon: 'none' })
                else onChange(next)
              }}
            />
          ))}
        </View>
      )
      break
    }
    case 'rating': {
      const scores = Array.from({ length: q.max - q.min + 1 }, (_, i) => q.min + i)
      body = (
        <View>
          <Text className='sv-hint'>
            {q.min} 分最低，{q.max} 分最高
          </Text>
          <View className='tiles sv-rating'>
            {scores.map((n) => (
              <Tile key={n} label={String(n)} selected={value === n} onTap={() => onChange(n)} />
            ))}
          </View>
        </View>
      )
      break
    }
    case 'text': {
      const text = typeof value === 'string' ? value : ''
      body = (
        <View className='sv-text'>
          <Textarea
            className='field__input field__textarea sv-textarea'
            value={text}
            maxlength={q.maxLength}
            placeholder='请在这里写下您的想法'
            placeholderClass='field__placeholder'
            onInput={(e) => onChange(e.detail.value)}
          />
          <Text className='sv-count'>
            {[...text].length} / {q.maxLength} 字
          </Text>
        </View>
      )
      break
    }
  }

  return (
    <View className={`sv-question ${compact ? 'sv-question--compact' : ''}`} id={`q-${q.id}`}>
      {!hideNumber && (
        <Text className='sv-question__number'>
          第 {number} 题{q.required ? '' : '（可以不答）'}
        </Text>
      )}
      {hideNumber && !q.required && <Text className='sv-question__number'>这道题可以不答</Text>}
      <Text className='sv-question__text'>{q.text}</Text>
      {body}
    </View>
  )
}
