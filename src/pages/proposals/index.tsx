import { Page } from '../../shared/ui/Page'
import { ComingSoon } from '../../shared/ui/ComingSoon'

export default function ProposalsPage() {
  return (
    <Page>
      <ComingSoon
        title='居民提案'
        intro='在这里，您可以把小区里想改进的事写成提案，请邻居们联名支持。'
        points={[
          '写下问题和建议，例如加装电梯、整治停车、增设晾衣架',
          '已认证的居民可以联名支持',
          '得到足够支持的提案，会进入议事厅讨论',
          '随时查看提案走到了哪一步、居委会怎么答复',
        ]}
      />
    </Page>
  )
}
