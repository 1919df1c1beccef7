import Taro, { useDidShow } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { DevUser } from '@yishi/types'
import { Page } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { isWeapp } from '@/shared/env'
import { ApiRequestError } from '@/shared/request'
import { accountsApi } from '@/accounts/api'
import { loginWithDevUser, loginWithWechat } from '@/accounts/login'
import { HOME_PAGE, hasLiveSession } from '@/accounts/session'
import { hasAgreedPrivacy, usePrivacy } from '@/accounts/privacy'

type DevState = { kind: 'loading' } | { kind: 'ready'; users: DevUser[] } | { kind: 'off' } | { kind: 'error'; message: string }

export default function LoginPage() {
  const agreed = usePrivacy(hasAgreedPrivacy)
  const [dev, setDev] = useState<DevState>({ kind: 'loading' })
  const [busy, setBusy] = useState<number | 'wechat' | null>(null)

  useDidShow(() => {
    if (hasLiveSession()) void Taro.switchTab({ url: HOME_PAGE })
  })

  const loadDevUsers = () => {
    setDev({ kind: 'loading' })
    accountsApi
      .devUsers()
      .then((res) => setDev({ kind: 'ready', users: res.users }))
      .catch((e: unknown) => {
        if (e instanceof ApiRequestError && e.status === 403) setDev({ kind: 'off' })
        else setDev({ kind: 'error', message: e instanceof Error ? e.message : '加载失败' })
      })
  }

  useEffect(() => {
    if (agreed) loadDevUsers()
  }, [agreed])

  const pickDevUser = async (id: number) => {
    if (busy !== null) return
    setBusy(id)
    try {
      await loginWithDevUser(id)
    } catch {
      // The request client already showed why.
    } finally {
      setBusy(null)
    }
  }

  const wechat = async () => {
    if (busy !== null) return
    setBusy('wechat')
    try {
      await loginWithWechat()
    } catch {
      // Shown already.
    } finally {
      setBusy(null)
    }
  }

  return (
    <Page auth={false}>
      <View className='brand'>
        <Text className='brand__name'>议事</Text>
        <Text className='brand__text'>小区的事，大家一起商量</Text>
      </View>

      {isWeapp && (
        <Card>
          <Text className='card__text'>使用微信登录，我们只记录一个用来认出您的编号，不获取昵称、头像和手机号。</Text>
          <Button className='card__action' loading={busy === 'wechat'} onClick={wechat}>
            微信一键登录
          </Button>
        </Card>
      )}

      {dev.kind === 'loading' && !isWeapp && <EmptyState title='正在加载…' />}

      {dev.kind === 'ready' && (
        <Card title='选择演示账号'>
          <Text className='card__text'>这是演示环境。点一个账号，就以这个身份进入。</Text>
          <View className='choices'>
            {dev.users.map((u) => (
              <View
                key={u.id}
                className={`choice ${busy === u.id ? 'choice--busy' : ''}`}
                hoverClass='choice--pressed'
                onClick={() => pickDevUser(u.id)}
              >
                <Text className='choice__title'>{u.label}</Text>
                <Text className='choice__text'>{busy === u.id ? '正在登录…' : u.description}</Text>
              </View>
            ))}
          </View>
        </Card>
      )}

      {dev.kind === 'off' && !isWeapp && (
        <EmptyState title='请在微信中打开' text='请在微信里搜索“议事”小程序，用微信登录后使用。' />
      )}

      {dev.kind === 'error' && !isWeapp && (
        <EmptyState title='暂时连不上服务器' text={dev.message}>
          <Button kind='secondary' onClick={loadDevUsers}>
            重试
          </Button>
        </EmptyState>
      )}
    </Page>
  )
}
