import { Text, View } from '@tarojs/components'
import type { Stance, Topic } from '@yishi/types'
import { STANCE_NAMES } from '@yishi/types'
import { Card } from '@/shared/ui/Card'
import { useAction } from '@/shared/hooks/useAction'
import { discussionsApi } from './api'
import { StanceBar } from './StanceBar'
import { STANCES } from './format'
import './discussions.css'

/** Where opinion stands, and (for residents who may post) my own stance: tap to mark or change it. */
export function StanceCard({ topic, onChange }: { topic: Topic; onChange(topic: Topic): void }) {
  const action = useAction()
  const canPick = topic.canPost && !topic.canModerate

  const pick = (stance: Stance) => {
    if (stance === topic.myStance) return
    void action.run('pick', async () => onChange(await discussionsApi.setStance(topic.id, stance)), { done: `已表态：${STANCE_NAMES[stance]}` })
  }

  const withdraw = () =>
    action.run('withdraw', async () => onChange(await discussionsApi.clearStance(topic.id)), {
      ask: { title: '撤回表态', content: '撤回后不计入支持、反对或中立。确定撤回吗？', confirmText: '撤回' },
    })

  return (
    <Card title='大家的立场'>
      <StanceBar counts={topic.stances} />
      {canPick && (
        <View className={action.busy ? 'stance-picker__busy' : ''}>
          <Text className='topic-head__label'>
            {topic.myStance ? `您的立场：${STANCE_NAMES[topic.myStance]}（点另一个可以改）` : '您怎么看？点一下表明立场'}
          </Text>
          <View className='stance-picker'>
            {STANCES.map((s) => (
              <View
                key={s}
                className={`stance-picker__option stance-picker__option--${s} ${topic.myStance === s ? 'stance-picker__option--on' : ''}`}
                hoverClass='stance-picker__option--pressed'
                onClick={() => pick(s)}
              >
                <Text>{STANCE_NAMES[s]}</Text>
              </View>
            ))}
          </View>
          {topic.myStance && (
            <Text className='link' onClick={withdraw}>
              撤回我的表态
            </Text>
          )}
        </View>
      )}
      {!canPick && topic.myStance && <Text className='card__note'>您的立场：{STANCE_NAMES[topic.myStance]}</Text>}
    </Card>
  )
}
