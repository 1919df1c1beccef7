/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

/** Where API requests go; set from the API_BASE_URL environment variable at build time (config/index.ts). */
declare const API_BASE_URL: string

/** Subscribe-message template ids the app asks for; TARO_APP_SUBSCRIBE_TEMPLATES at build time (config/index.ts). */
declare const SUBSCRIBE_TEMPLATES: string

/** The share cards' default picture; TARO_APP_SHARE_IMAGE at build time (config/index.ts). */
declare const SHARE_IMAGE_URL: string

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | string
  }
}
