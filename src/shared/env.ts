// Build-time facts about where the app runs.

/** Base URL of the API: '' on H5 (same origin), the server's URL in the mini-program. */
export const apiBaseUrl: string = typeof API_BASE_URL === 'string' ? API_BASE_URL : ''

export const isWeapp = process.env.TARO_ENV === 'weapp'
export const isH5 = !isWeapp

/** An address the server gave (a photo's, signed for this user): relative to the API in the mini-program. */
export const apiUrl = (path: string): string => (/^https?:\/\//.test(path) ? path : apiBaseUrl + path)
