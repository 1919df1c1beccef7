import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'

dayjs.locale('zh-cn')

/** "11月21日 14:30", with the year when it is not this year. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = dayjs(iso)
  if (!d.isValid()) return ''
  return d.format(d.year() === dayjs().year() ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm')
}

/** 上午好 / 下午好 / 晚上好 for the greeting. */
export function greeting(now = dayjs()): string {
  const h = now.hour()
  if (h < 5) return '您好'
  if (h < 11) return '上午好'
  if (h < 13) return '中午好'
  if (h < 18) return '下午好'
  return '晚上好'
}
