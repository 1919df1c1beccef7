export default definePageConfig({
  navigationBarTitleText: '对话',
  enablePullDownRefresh: true,
})
