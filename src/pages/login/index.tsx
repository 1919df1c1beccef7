import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { DevUser } from '@yishi/types'
import { Page } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { LargeTextRow } from '@/shared/ui/LargeTextRow'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadState } from '@/shared/ui/LoadState'
import { useAction } from '@/shared/hooks/useAction'
import { loadErrorText, useLoader } from '@/shared/hooks/useLoader'
import { isWeapp } from '@/shared/env'
import { ApiRequestError } from '@/shared/request'
import { accountsApi } from '@/accounts/api'
import { loginWithDevUser, loginWithWechat } from '@/accounts/login'
import { HOME_PAGE, hasLiveSession } from '@/accounts/session'
import { hasAgreedPrivacy, usePrivacy } from '@/accounts/privacy'

export default function LoginPage() {
  const agreed = usePrivacy(hasAgreedPrivacy)
  const action = useAction()
  // The demo accounts; a server not in dev mode refuses them (403): then WeChat is the way in.
  const load = useLoader(
    () =>
      accountsApi.devUsers().then(
        (res): { users: DevUser[] | null } => ({ users: res.users }),
        (e: unknown) => {
          if (e instanceof ApiRequestError && e.status === 403) return { users: null }
          throw e
        },
      ),
    { when: 'mount', enabled: agreed, deps: [agreed], errorText: (e) => loadErrorText(e, '加载失败') },
  )
  const users = load.data?.users

  useDidShow(() => {
    if (hasLiveSession()) void Taro.switchTab({ url: HOME_PAGE })
  })

  // The request client has shown why a login failed.
  const pickDevUser = (id: number) => action.run(String(id), () => loginWithDevUser(id))
  const wechat = () => action.run('wechat', () => loginWithWechat())

  return (
    <Page auth={false}>
      <View className='brand'>
        <Text className='brand__name'>议事</Text>
        <Text className='brand__text'>小区的事，大家一起商量</Text>
      </View>
      <Card>
        <LargeTextRow />
      </Card>

      {isWeapp && (
        <Card>
          <Text className='card__text'>使用微信登录，我们只记录一个用来认出您的编号，不获取昵称、头像和手机号。</Text>
          <Button className='card__action' loading={action.busy === 'wechat'} onClick={wechat}>
            微信一键登录
          </Button>
        </Card>
      )}

      {!isWeapp && <LoadState load={load} title='暂时连不上服务器' text={load.error ?? undefined} />}

      {users && (
        <Card title='选择演示账号'>
          <Text className='card__text'>这是演示环境。点一个账号，就以这个身份进入。</Text>
          <View className='choices'>
            {users.map((u) => (
              <View
                key={u.id}
                className={`choice ${action.busy === String(u.id) ? 'choice--busy' : ''}`}
                hoverClass='choice--pressed'
                onClick={() => pickDevUser(u.id)}
              >
                <Text className='choice__title'>{u.label}</Text>
                <Text className='choice__text'>{action.busy === String(u.id) ? '正在登录…' : u.description}</Text>
              </View>
            ))}
          </View>
        </Card>
      )}

      {users === null && !isWeapp && (
        <EmptyState title='请在微信中打开' text='请在微信里搜索“议事”小程序，用微信登录后使用。' />
      )}
    </Page>
  )
}
