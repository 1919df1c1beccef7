import Taro from '@tarojs/taro'
import { apiUrl, isWeapp } from '@/shared/env'
import { authHeader, NETWORK_ERROR_MESSAGE } from '@/shared/request'

// 我的 → 导出我的数据: the server's zip of the user's own records and photos (GET /api/me/export).

export const EXPORT_NAME = '议事-我的数据.zip'

const REFUSALS: Record<number, string> = {
  429: '今天已经导出过 3 次了，请明天再试',
  401: '请先登录',
}

/**
 * Downloads the export with the session's header. The mini-program cannot open a zip, so it is sent to a
 * chat (文件传输助手 saves it to a computer); a browser saves it as a download. Answers why it failed, or null.
 */
export async function exportMyData(): Promise<string | null> {
  let file: Taro.downloadFile.FileSuccessCallbackResult
  try {
    file = await Taro.downloadFile({ url: apiUrl('/api/me/export'), header: authHeader() })
  } catch {
    return NETWORK_ERROR_MESSAGE
  }
  if (file.statusCode !== 200) return REFUSALS[file.statusCode] ?? `导出没有成功（${file.statusCode}），请稍后再试`
  if (isWeapp) {
    try {
      await Taro.shareFileMessage({ filePath: file.tempFilePath, fileName: EXPORT_NAME })
    } catch {
      // Closed the chat picker: nothing was sent, nothing went wrong.
    }
    return null
  }
  const link = document.createElement('a')
  link.href = file.tempFilePath
  link.download = EXPORT_NAME
  link.click()
  return null
}
