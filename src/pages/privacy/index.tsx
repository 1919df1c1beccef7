import { Text } from '@tarojs/components'
import { Page } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { PrivacyText } from '@/accounts/PrivacyNotice'
import { usePrivacy } from '@/accounts/privacy'
import { useMe } from '@/accounts/me'
import { formatDateTime } from '@/shared/format'

export default function PrivacyPage() {
  const agreedAt = usePrivacy((s) => s.agreedAt)
  const me = useMe()
  const when = me?.privacyAcceptedAt ?? agreedAt
  return (
    <Page auth={false}>
      <Card title='隐私说明'>
        <PrivacyText />
        {when && <Text className='card__note'>您已于 {formatDateTime(when)} 同意本说明。</Text>}
      </Card>
    </Page>
  )
}
