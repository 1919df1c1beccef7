export default definePageConfig({
  navigationBarTitleText: '调查结果公开',
  enablePullDownRefresh: true,
})
