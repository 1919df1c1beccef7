// Build-time facts about where the app runs.

/** Base URL of the API: '' on H5 (same origin), the server's URL in the mini-program. */
export const apiBaseUrl: string = typeof API_BASE_URL === 'string' ? API_BASE_URL : ''

export const isWeapp = process.env.TARO_ENV === 'weapp'
export const isH5 = !isWeapp
