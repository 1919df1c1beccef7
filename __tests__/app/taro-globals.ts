// Build-time flags that Taro's webpack config defines and @tarojs/components reads at import time.
const g = globalThis as Record<string, unknown>
if (g.DEPRECATED_ADAPTER_COMPONENT === undefined) g.DEPRECATED_ADAPTER_COMPONENT = false
export {}
