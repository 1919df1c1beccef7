// Media: photos and files residents and committees upload, their content check, storage and reading.
// Other capabilities import from here only.
export { mediaRoutes } from './routes'
export { attachFiles, attachPhotos, type AttachInput } from './commands/attach-media'
export { attachedTo, filesFor, parsePhotoIds, photosFor } from './queries/read'
export type { MediaPorts, OwnerReader } from './ports'
export { diskStore, s3Store, type MediaStore, type S3Settings } from './storage'
export { wechatMediaCheck, pushSignature, type MediaSecurityCheck } from './wechat-check'
export { MAX_PHOTOS, thumbUrl } from './rules'
export type { MediaTables } from './tables'
export { FileIds, FileSchema } from './schemas'
