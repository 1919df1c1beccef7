import Taro from '@tarojs/taro'
import { Text } from '@tarojs/components'
import { Page, PageNotice } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { ListRow } from '@/shared/ui/ListRow'
import { useMe } from '@/accounts/me'
import { adminStreet } from '@/community/api'
import { REPORTS_PAGE } from '@/reports/api'
import { STREET_AFFAIRS_PAGE } from '@/affairs/api'
import { IMPORT_PAGE, OVERDUE_PAGE, STAFF_PAGE, UNITS_PAGE } from './pages'

const LINKS = [
  { label: '社区架构导入', hint: '用表格一次导入居民区、小区和楼组', url: IMPORT_PAGE },
  { label: '社区架构', hint: '逐个修改或添加', url: UNITS_PAGE },
  { label: '工作人员与邀请', hint: '邀请居委会、物业、业委会和部门', url: STAFF_PAGE },
  { label: '逾期事项', hint: '超过时限还没办的提案', url: OVERDUE_PAGE },
  { label: '工作台账', hint: '各居民区的会议、提案、参与和资金', url: REPORTS_PAGE },
  { label: '居务公开汇总', hint: '各居民区公开了什么、还有多少提问待答复', url: STREET_AFFAIRS_PAGE },
]

/** The 街镇 admin's set-up: the community tree, the people, and what has stalled. */
export default function SetupPage() {
  const street = adminStreet(useMe())
  if (!street) return <PageNotice title='只有街镇管理员可以进行街镇设置' />
  return (
    <Page>
      <Card title={street.name}>
        <Text className='card__note'>把本街镇的社区架构和工作人员设置好，居民才能认证住址、提出提案。</Text>
        {LINKS.map((l) => (
          <ListRow key={l.url} label={l.label} value={<Text className='list-row__text'>{l.hint}</Text>} arrow onClick={() => void Taro.navigateTo({ url: l.url })} />
        ))}
      </Card>
    </Page>
  )
}
