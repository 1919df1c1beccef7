/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

/** Where API requests go; set from the API_BASE_URL environment variable at build time (config/index.ts). */
declare const API_BASE_URL: string

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | string
  }
}
