import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { AffairEntry } from '@yishi/types'
import { AFFAIR_KIND_NAMES } from '@yishi/types'
import { Badge, Card } from '@/shared/ui/Card'
import { entryUrl } from './api'

/** One entry of the ledger: what, when, the record itself, and whether it was corrected or flagged. */
export function EntryCard({ entry, open = true }: { entry: AffairEntry; open?: boolean }) {
  const corrected = entry.correctedBy.length > 0
  return (
    <Card
      title={entry.title}
      tone={corrected ? 'warn' : entry.kind === 'correction' ? 'accent' : 'plain'}
      extra={corrected ? <Badge tone='warn'>已更正</Badge> : <Badge tone='neutral'>{AFFAIR_KIND_NAMES[entry.kind]}</Badge>}
      className='af-entry'
    >
      <Text className='af-entry__date'>{entry.date}</Text>
      {entry.lines.map((line, i) => (
        <Text key={i} className='card__text af-entry__line'>
          {line}
        </Text>
      ))}
      {entry.openFlags > 0 && <Text className='af-entry__flag'>居务监督委员会标记：公开内容不完整，等待居委会答复</Text>}
      {open && (
        <View className='list-row tap' hoverClass='list-row--pressed' onClick={() => Taro.navigateTo({ url: entryUrl(entry.key) })}>
          <Text className='list-row__label'>{entry.questions > 0 ? `查看详情和 ${entry.questions} 条答复` : '查看详情、提问'}</Text>
          <Text className='list-row__arrow'>›</Text>
        </View>
      )}
    </Card>
  )
}
