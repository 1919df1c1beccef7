import { Page } from '../../shared/ui/Page'
import { ComingSoon } from '../../shared/ui/ComingSoon'

export default function SurveysPage() {
  return (
    <Page>
      <ComingSoon
        title='社区问卷'
        intro='居委会想听听大家的想法时，会在这里发布问卷。'
        points={[
          '问卷题目简单，点一点就能回答',
          '正式问卷请已认证的居民填写，确保是本小区居民的意见',
          '问卷结束后，可以在这里看到大家意见的汇总',
        ]}
      />
    </Page>
  )
}
