import { Page } from '../../shared/ui/Page'
import { ComingSoon } from '../../shared/ui/ComingSoon'

export default function HallPage() {
  return (
    <Page>
      <ComingSoon
        title='议事厅'
        intro='议事厅是大家坐下来商量的地方，只是搬到了手机上。'
        points={[
          '居委会把要商量的事放进议事厅，写明议题和时间',
          '居民可以发表意见、回应邻居，发言只显示为“几号楼居民”',
          '讨论后需要大家拿主意的，会在这里发起投票',
          '投票结果和后续办理情况都在这里公开',
        ]}
      />
    </Page>
  )
}
