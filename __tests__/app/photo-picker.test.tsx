/**
 * The photo picker of a form: each picked photo uploads at once with its own progress, with the session's
 * header and one Idempotency-Key for it and its retries; a failed one says why and can be retried;
 * any can be removed; only uploaded photos' ids go with the form.
 */
import './taro-h5'
import Taro from '@tarojs/taro'
import { act } from 'react'
import { setUpScreen } from './screen'
import { installSessionHooks } from '@/accounts/session'
import { PhotoPicker } from '@/media/PhotoPicker'
import { usePhotoUploads, type PhotoUploads } from '@/media/usePhotoUploads'
import { answerUpload, fakePhotoUploads, uploaded, type Upload } from './photo-uploads'

const screen = setUpScreen()
installSessionHooks()

let uploads: Upload[]
let photos: PhotoUploads
function Form() {
  photos = usePhotoUploads()
  return <PhotoPicker photos={photos} />
}

beforeEach(() => {
  uploads = fakePhotoUploads()
})

const answer = answerUpload
const tiles = () => [...screen.container.querySelectorAll('.picker__item')]

test('uploads each picked photo with its progress, retries a failed one under the same key, and removes one', async () => {
  act(() => screen.root.render(<Form />))
  await screen.tap('.picker__add', '拍照或选照片')
  expect(Taro.chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 9, sourceType: ['album', 'camera'] }))
  expect(uploads.map((u) => u.opt.filePath)).toEqual(['blob:photo-0', 'blob:photo-1'])
  const [first, second] = uploads
  expect(first.opt).toMatchObject({ url: '/api/media', name: 'file', header: { Authorization: 'Bearer tok', 'Idempotency-Key': expect.any(String) } })
  expect(second.opt.header?.['Idempotency-Key']).not.toBe(first.opt.header?.['Idempotency-Key'])

  act(() => first.progress(40))
  expect(tiles()[0].textContent).toContain('上传中 40%')
  expect(photos.pending).toBe(true)

  await answer(first, 201, uploaded(7))
  await answer(second, 413, { error: { code: 'file_too_large', message: '文件不能超过 20 MB' } })
  expect(tiles()[0].textContent).not.toContain('上传中')
  expect(tiles()[1].textContent).toContain('文件不能超过 20 MB')
  expect(photos.ids).toEqual([7])
  expect(photos.pending).toBe(true)

  await screen.tap('.picker__item .picker__btn', '重试')
  expect(uploads).toHaveLength(3)
  expect(uploads[2].opt.header?.['Idempotency-Key']).toBe(second.opt.header?.['Idempotency-Key'])
  expect(tiles()[1].textContent).toContain('上传中 0%')
  await act(async () => uploads[2].opt.fail?.({ errMsg: 'uploadFile:fail' }))
  expect(tiles()[1].textContent).toContain('网络不给力')

  await act(async () => [...screen.container.querySelectorAll('.picker__remove')][1].dispatchEvent(new MouseEvent('click', { bubbles: true })))
  expect(tiles()).toHaveLength(1)
  expect(photos.ids).toEqual([7])
  expect(photos.pending).toBe(false)

  await act(async () => screen.container.querySelector('.picker__remove')!.dispatchEvent(new MouseEvent('click', { bubbles: true })))
  expect(photos.ids).toEqual([])
})

test('offers only the room left of nine, and no add tile once nine are there', async () => {
  act(() => screen.root.render(<Form />))
  act(() => photos.add(Array.from({ length: 8 }, (_, i) => `blob:${i}`)))
  await screen.tap('.picker__add', '拍照或选照片')
  expect(Taro.chooseImage).toHaveBeenLastCalledWith(expect.objectContaining({ count: 1 }))
  expect(tiles()).toHaveLength(9)
  expect(screen.container.querySelector('.picker__add')).toBeNull()
})
