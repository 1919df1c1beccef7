import { Text, View } from '@tarojs/components'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { isWeapp } from '@/shared/env'
import type { useShare } from './useShare'

/** 转发给邻居: the card to the group chat (a link in H5), and a poster to print or save. */
export function ShareCard({ share, what }: { share: ReturnType<typeof useShare>; what: string }) {
  return (
    <Card title='告诉邻居'>
      <Text className='card__text'>把这条{what}转发到楼组群里，或者生成海报贴在楼道里，请还没进群的邻居扫码参与。</Text>
      <View className='btn-stack'>
        {isWeapp ? (
          <Button className='share__chat' openType='share'>
            转发到群聊
          </Button>
        ) : (
          <Button className='share__chat' id='share-link' onClick={() => void share.shareLink()}>
            复制链接发到群聊
          </Button>
        )}
        <Button className='share__poster' kind='secondary' id='share-poster' onClick={() => void share.showPoster()}>
          生成海报（带二维码）
        </Button>
      </View>
    </Card>
  )
}
