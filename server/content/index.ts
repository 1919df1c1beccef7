// Content: the check every resident's text passes before it is stored, and the masking of personal details.
export { contentRoutes } from './routes'
export { checkContent, type ContentScene, type ContentVerdict } from './check'
export { maskPersonalInfo } from './masking'
export { wechatTextCheck, type TextSecurityCheck } from './wechat-check'
