import { Text, View } from '@tarojs/components'
import type { InstrumentResult, LabelledSubgroup, QuestionResult, SurveyResults } from '@yishi/types'
import { Badge, Card, Section } from '@/shared/ui/Card'
import { alphaText, barWidth, percent, SCORE_STATUS } from './labels'
import { plainSentence } from './plain'

function Subgroups({ title, groups }: { title: string; groups: LabelledSubgroup[] }) {
  if (groups.length === 0) return null
  return (
    <View className='cs-groups'>
      <Text className='cs-groups__title'>{title}</Text>
      {groups.map((g) => (
        <View className='cs-group' key={g.group}>
          <Text className='cs-group__label'>{g.label}</Text>
          {g.score.suppressed ? (
            <Text className='cs-group__muted'>样本不足，不显示</Text>
          ) : (
            <Text className='cs-group__value'>
              {g.score.points} 分 · {g.score.n} 人
            </Text>
          )}
        </View>
      ))}
    </View>
  )
}

function InstrumentCard({ r }: { r: InstrumentResult }) {
  const s = r.score
  if (!s) {
    return (
      <Card title={r.name} extra={<Badge tone='neutral'>样本不足</Badge>}>
        <Text className='card__text'>样本不足，不显示：有效回答不到 10 份，得分和分组都不公布。</Text>
      </Card>
    )
  }
  const status = SCORE_STATUS[s.status]
  return (
    <Card title={r.name} extra={<Badge tone={status.tone}>{status.label}</Badge>}>
      <View className='cs-score'>
        <Text className='cs-score__points'>{s.points ?? '—'}</Text>
        <Text className='cs-score__max'> / {s.maxPoints} 分</Text>
      </View>
      {s.interval && (
        <Text className='cs-line'>
          可能的范围：{s.interval.points[0]}–{s.interval.points[1]} 分（有 95% 的把握，真实得分在这之间）
        </Text>
      )}
      <Text className='cs-line'>
        有效回答 {s.n} 份{s.requiredN !== null ? `，按户数需要 ${s.requiredN} 份` : ''}
        {s.excluded > 0 ? `；${s.excluded} 份答题太少未计入` : ''}
      </Text>
      <Text className='cs-line'>{alphaText(s.alpha)}</Text>
      {s.weighted && (
        <Text className='cs-line'>
          已按各楼组户数加权，回答多的楼组不会多占分量（设计效应 {s.designEffect?.toFixed(2) ?? '—'}：越接近 1，加权对结果的影响越小）
        </Text>
      )}
      {s.status === 'insufficient_sample' && <Text className='cs-line cs-warn'>回答人数低于所需样本量，得分是暂定的，计入指标时标为“暂定”。</Text>}
      {s.warnings.map((w) => (
        <Text className='cs-line cs-warn' key={w}>
          {w}
        </Text>
      ))}
      <Subgroups title='各楼组' groups={r.byBuilding} />
      <Subgroups title='各房屋类型' groups={r.byHousingType} />
    </Card>
  )
}

function QuestionCard({ q, number }: { q: QuestionResult; number: number }) {
  return (
    <Card>
      <Text className='cs-qnum'>
        第 {number} 题 · {q.answered} 人回答
      </Text>
      <Text className='cs-qtitle'>{q.text}</Text>
      {q.suppressed ? (
        <Text className='cs-muted'>样本不足，不显示（回答不到 10 人）</Text>
      ) : (
        <View>
          {q.distribution?.map((d) => (
            <View className='cs-dist' key={String(d.value)}>
              <View className='cs-dist__row'>
                <Text className='cs-dist__label'>{d.label}</Text>
                <Text className='cs-dist__value'>
                  {d.count} 人 · {percent(d.share)}
                </Text>
              </View>
              <View className='cs-dist__track'>
                <View className={`cs-dist__fill ${d.value === 'dk' ? 'cs-dist__fill--dk' : ''}`} style={{ width: barWidth(d.share) }} />
              </View>
            </View>
          ))}
          {q.mean !== undefined && q.mean !== null && <Text className='cs-line'>平均 {Math.round(q.mean * 100) / 100}</Text>}
          {q.texts && (
            <View className='cs-texts'>
              <Text className='cs-groups__title'>文字回答（仅居委会可见，按内容排序）</Text>
              {q.texts.length === 0 && <Text className='cs-muted'>没有人写。</Text>}
              {q.texts.map((t, i) => (
                <Text className='cs-text' key={`${i}-${t}`}>
                  {t}
                </Text>
              ))}
            </View>
          )}
        </View>
      )}
    </Card>
  )
}

/** A survey's figures for the committee: counts and rate, instrument scores, per-question distributions. */
export function SurveyResultsView({ results }: { results: SurveyResults }) {
  const r = results
  return (
    <View>
      <Card title='结果一句话' tone='accent'>
        <Text className='card__lead' id='survey-plain'>
          {plainSentence(r)}
        </Text>
      </Card>
      <Section title='回收情况'>
        <Card>
          <View className='cs-stats'>
            <View className='cs-stat'>
              <Text className='cs-stat__value'>{r.responses.total}</Text>
              <Text className='cs-stat__label'>份回答</Text>
            </View>
            <View className='cs-stat'>
              <Text className='cs-stat__value'>{r.responses.paper}</Text>
              <Text className='cs-stat__label'>份纸质</Text>
            </View>
            <View className='cs-stat'>
              <Text className='cs-stat__value'>{percent(r.responseRate)}</Text>
              <Text className='cs-stat__label'>线上回答率</Text>
            </View>
          </View>
          <Text className='cs-line'>
            线上 {r.responses.app} 份 / 已认证居民 {r.eligible.verifiedResidents} 人；{r.unit.name}共 {r.eligible.households} 户，已认证 {r.eligible.verifiedHouseholds} 户
          </Text>
          <Text className='cs-line'>纸质问卷的居民不在应用上，不计入回答率。</Text>
          {r.responses.paper > 0 && <Text className='cs-line'>纸质问卷占 {percent(r.responses.paperShare)}</Text>}
          {r.paper.uncheckedPaper > 0 && <Text className='cs-line cs-warn'>{r.paper.uncheckedPaper} 份待复核，未计入</Text>}
          {r.paper.heldReason && <Text className='cs-line cs-warn'>暂不计入评估：{r.paper.heldReason}</Text>}
        </Card>
      </Section>
      {!r.available && (
        <Card tone='warn' title='结束后才显示统计'>
          <Text className='card__text'>{r.unavailableReason ?? '问卷截止后才公布统计结果。'}</Text>
        </Card>
      )}
      {r.available && r.instruments.length > 0 && (
        <Section title='指标得分（计入评估指标）'>
          {r.instruments.map((i) => (
            <InstrumentCard key={i.instrumentId} r={i} />
          ))}
        </Section>
      )}
      {r.available && r.questions.length > 0 && (
        <Section title='每道题的回答'>
          <Text className='hint'>回答不到 {r.minCellSize} 人的题目和分组不显示，以免推算出个人的回答。</Text>
          {r.questions.map((q, i) => (
            <QuestionCard key={q.questionId} q={q} number={i + 1} />
          ))}
        </Section>
      )}
    </View>
  )
}
