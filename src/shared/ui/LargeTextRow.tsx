import { SwitchRow } from './ListRow'
import { useLargeText, useLargeTextSetting } from '@/shared/largeText'

/** The 大字模式 switch: in 我的, and where someone new meets the app (the privacy notice, the login page). */
export function LargeTextRow() {
  const large = useLargeText()
  const setLarge = useLargeTextSetting((s) => s.setLarge)
  return <SwitchRow label='大字模式' hint='字更大，按钮更大，看得更清楚' checked={large} onChange={setLarge} />
}
