import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Button } from '@/shared/ui/Button'
import { COMMITTEE_SURVEYS_PAGE, INDICATORS_PAGE } from './routes'

/** On 首页's committee card: one row to the surveys and to the evaluation index. */
export function SurveysCommitteeLine() {
  return (
    <View className='btn-row'>
      <Button kind='secondary' onClick={() => Taro.navigateTo({ url: COMMITTEE_SURVEYS_PAGE })}>
        问卷管理
      </Button>
      <Button kind='secondary' onClick={() => Taro.navigateTo({ url: INDICATORS_PAGE })}>
        评估指标
      </Button>
    </View>
  )
}
