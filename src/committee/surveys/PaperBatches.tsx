import { Text, View } from '@tarojs/components'
import type { Me, PaperBatch, SurveyDetail, SurveyResults } from '@yishi/types'
import { Badge, Card, Section } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { formatDateTime } from '@/shared/format'
import { committeeSurveysApi } from './api'

/** A 街镇 admin: the one who may let a wave answered mostly on the 居委会's paper into the index. */
export const isStreetAdmin = (me: Me | null): boolean => !!me?.roles.some((r) => r.role === 'admin' && r.unitLevel === 'street')

interface Props {
  survey: SurveyDetail
  results: SurveyResults | null
  me: Me | null
  /** A batch was checked or the wave confirmed: the results have changed. */
  onChange: () => void
}

/** 纸质问卷复核: paper counts only once a second staff member has checked it against the questionnaires. */
export function PaperBatches({ survey, results, me, onChange }: Props) {
  const action = useAction()
  // Mounted once the survey has loaded, after the page showed: load then, and again with each new
  // reading of the results (the page shown again, a batch checked).
  const load = useLoader(() => committeeSurveysApi.paperBatches(survey.id), { when: 'mount', deps: [results] })
  const items = load.data?.items ?? []
  // The held reason itself is in the results; here only the 街镇's step that lifts it.
  const canConfirm = !!results?.paper.heldReason && survey.state === 'closed' && isStreetAdmin(me)

  const check = (b: PaperBatch) => {
    void action.run(
      `check-${b.id}`,
      async () => {
        const checked = await committeeSurveysApi.checkPaperBatch(survey.id, b.id)
        load.set({ items: items.map((x) => (x.id === checked.id ? checked : x)) })
        onChange()
      },
      {
        ask: { title: '复核纸质问卷', content: `请先对照这 ${b.count} 份纸质问卷逐份核对录入的答案。核对无误后计入结果，确定吗？` },
        done: '已复核',
      },
    )
  }
  const confirmWave = () => {
    void action.run(
      'confirm-paper',
      async () => {
        await committeeSurveysApi.confirmPaper(survey.id)
        onChange()
      },
      {
        ask: { title: '确认计入评估', content: '这一轮主要是居委会录入的纸质问卷。街镇已核实后，确认计入评估指标吗？' },
        done: '已确认计入',
      },
    )
  }

  if (items.length === 0 && !canConfirm) return null
  return (
    <Section title='纸质问卷复核'>
      {items.length > 0 && (
        <Card>
          <Text className='hint'>录入的纸质问卷要由另一位工作人员对照原件复核后才计入结果。</Text>
          {items.map((b) => (
            <View className='cs-batch' key={b.id}>
              <View className='cs-group'>
                <Text className='cs-group__label'>
                  {b.count} 份{b.byStreet ? ' · 街镇录入' : ''}
                </Text>
                {b.checkedAt ? <Badge tone='success'>已复核</Badge> : <Badge tone='warn'>待复核</Badge>}
              </View>
              <Text className='cs-line'>{formatDateTime(b.enteredAt)} 录入</Text>
              {b.checkedAt && <Text className='cs-line'>{formatDateTime(b.checkedAt)} 复核</Text>}
              {!b.checkedAt && b.enteredBy !== me?.id && (
                <Button kind='secondary' className='card__action' loading={action.busy === `check-${b.id}`} onClick={() => check(b)}>
                  复核
                </Button>
              )}
              {!b.checkedAt && b.enteredBy === me?.id && <Text className='cs-line'>您录入的，请另一位工作人员复核。</Text>}
            </View>
          ))}
        </Card>
      )}
      {canConfirm && (
        <Card tone='warn' title='暂不计入评估'>
          <Text className='card__text'>{results?.paper.heldReason}</Text>
          <Button className='card__action' loading={action.busy === 'confirm-paper'} onClick={confirmWave}>
            确认计入评估
          </Button>
        </Card>
      )}
    </Section>
  )
}
