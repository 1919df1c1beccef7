// The phone's side of photo uploads, faked for screens with a PhotoPicker: chooseImage picks two photos
// (fewer if less room), and each uploadFile waits until the test answers it or moves its progress.
import Taro from '@tarojs/taro'
import { act } from 'react'
import type { MediaUpload } from '@yishi/types'

export interface Upload {
  opt: Taro.uploadFile.Option
  progress: (percent: number) => void
}

/** Installs the fakes (restored with the other spies after each test); the uploads started land in the list. */
export function fakePhotoUploads(): Upload[] {
  const uploads: Upload[] = []
  jest.spyOn(Taro, 'chooseImage').mockImplementation(((opt: Taro.chooseImage.Option) =>
    Promise.resolve({ tempFilePaths: Array.from({ length: Math.min(2, opt.count ?? 9) }, (_, i) => `blob:photo-${i}`), tempFiles: [], errMsg: 'ok' })) as unknown as typeof Taro.chooseImage)
  jest.spyOn(Taro, 'uploadFile').mockImplementation(((opt: Taro.uploadFile.Option) => {
    const u = { opt, progress: (_: number) => undefined } as Upload
    uploads.push(u)
    return { onProgressUpdate: (cb: (r: { progress: number }) => void) => (u.progress = (progress) => cb({ progress })) }
  }) as unknown as typeof Taro.uploadFile)
  return uploads
}

/** The server's answer to one upload. */
export const answerUpload = (u: Upload, statusCode: number, data: unknown) => act(async () => u.opt.success?.({ statusCode, data: JSON.stringify(data), errMsg: 'ok' }))

/** A stored photo as POST /api/media answers it. */
export const uploaded = (id: number): MediaUpload => ({ id, kind: 'image', width: 10, height: 10, thumbUrl: `/api/media/${id}/thumb`, url: `/api/media/${id}`, status: 'visible' })
