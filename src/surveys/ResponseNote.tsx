import { Text, View } from '@tarojs/components'
import { formatDateTime } from '@/shared/format'
import './surveys.css'

/** The committee's published response to a survey's results (整改反馈), and when it was published. */
export function ResponseNote({ note }: { note: { text: string; publishedAt: string } }) {
  return (
    <View>
      <Text className='sv-note'>{note.text}</Text>
      <Text className='card__note'>{formatDateTime(note.publishedAt)} 公布</Text>
    </View>
  )
}
