import Taro from '@tarojs/taro'
import { apiUrl, isWeapp } from '@/shared/env'
import { authHeader, NETWORK_ERROR_MESSAGE } from '@/shared/request'

// 我的 → 导出我的数据: the server's zip of the user's own records and photos (POST /api/me/export).

export const EXPORT_NAME = '议事-我的数据.zip'

// The answer is read as bytes, so a refusal is known by its status (the mini-program has no TextDecoder).
const REFUSALS: Record<number, string> = {
  429: '今天已经导出过 3 次了，请明天再试',
  401: '请先登录',
}

/** The zip's bytes, or why there are none. */
async function fetchZip(): Promise<ArrayBuffer | string> {
  try {
    const res = await Taro.request<ArrayBuffer>({ url: apiUrl('/api/me/export'), method: 'POST', header: authHeader(), responseType: 'arraybuffer', timeout: 120000 })
    if (res.statusCode === 200) return res.data
    return REFUSALS[res.statusCode] ?? `导出没有成功（${res.statusCode}），请稍后再试`
  } catch {
    return NETWORK_ERROR_MESSAGE
  }
}

/**
 * Downloads the export with the session's header. The mini-program cannot open a zip, so it is sent to a
 * chat (文件传输助手 saves it to a computer); a browser saves it as a download. Answers why it failed, or null.
 */
export async function exportMyData(): Promise<string | null> {
  const zip = await fetchZip()
  if (typeof zip === 'string') return zip
  if (isWeapp) {
    const filePath = `${Taro.env.USER_DATA_PATH}/${EXPORT_NAME}`
    try {
      Taro.getFileSystemManager().writeFileSync(filePath, zip)
    } catch {
      return '手机存储空间不足，没有保存下来'
    }
    try {
      await Taro.shareFileMessage({ filePath, fileName: EXPORT_NAME })
    } catch {
      // Closed the chat picker: nothing was sent, nothing went wrong.
    }
    return null
  }
  const link = document.createElement('a')
  link.href = URL.createObjectURL(new Blob([zip], { type: 'application/zip' }))
  link.download = EXPORT_NAME
  link.click()
  return null
}
