import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useEffect, useRef } from 'react'
import { Button } from '@/shared/ui/Button'
import { LargeTextRow } from '@/shared/ui/LargeTextRow'
import { isWeapp } from '@/shared/env'
import { COLOR_PRIMARY } from '@/shared/ui/colors'
import { PRIVACY_FOOTER, PRIVACY_INTRO, PRIVACY_ITEMS, PRIVACY_TITLE } from './privacyText'
import { AGREE_BUTTON_ID, reportPrivacyExposure, usePrivacy } from './privacy'

/** The text of the notice (also shown read-only from 我的). */
export function PrivacyText() {
  return (
    <View className='privacy'>
      <Text className='privacy__intro'>{PRIVACY_INTRO}</Text>
      {PRIVACY_ITEMS.map((item, i) => (
        <View className='privacy__item' key={item.title}>
          <Text className='privacy__item-title'>
            {i + 1}. {item.title}
          </Text>
          <Text className='privacy__item-text'>{item.text}</Text>
        </View>
      ))}
    </View>
  )
}

/**
 * The notice to agree before anything else. In the mini-program the agree button is WeChat's
 * agreePrivacyAuthorization button, so one tap answers both our notice and WeChat's check.
 */
export function PrivacyNotice({ overlay }: { overlay?: boolean }) {
  const agree = usePrivacy((s) => s.agree)
  const decline = usePrivacy((s) => s.decline)
  const asking = usePrivacy((s) => s.wechatAsking)
  const agreed = useRef(false)

  useEffect(() => {
    if (asking) reportPrivacyExposure()
  }, [asking])

  const onAgree = () => {
    if (agreed.current) return
    agreed.current = true
    agree()
  }

  const onDecline = () => {
    if (overlay) {
      decline()
      return
    }
    if (isWeapp) {
      Taro.exitMiniProgram({}).catch(() => undefined)
    } else {
      Taro.showModal({ title: '提示', content: '需要同意隐私说明后才能使用“议事”。您可以随时关闭页面。', showCancel: false, confirmColor: COLOR_PRIMARY })
    }
  }

  return (
    <View className={overlay ? 'privacy-overlay' : 'privacy-page'}>
      <View className='card privacy-card'>
        <Text className='privacy__title'>{PRIVACY_TITLE}</Text>
        <LargeTextRow />
        <PrivacyText />
        <Text className='privacy__footer'>{PRIVACY_FOOTER}</Text>
        <View className='btn-stack'>
          {isWeapp ? (
            <Button
              id={AGREE_BUTTON_ID}
              openType='agreePrivacyAuthorization'
              onAgreePrivacyAuthorization={onAgree}
              // The WeChat event is the one that counts; the click is a fallback for old base libraries.
              onClick={() => setTimeout(onAgree, 600)}
            >
              同意并继续
            </Button>
          ) : (
            <Button id={AGREE_BUTTON_ID} onClick={onAgree}>
              同意并继续
            </Button>
          )}
          <Button kind='plain' onClick={onDecline}>
            不同意
          </Button>
        </View>
      </View>
    </View>
  )
}
