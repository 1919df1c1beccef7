export default definePageConfig({
  navigationBarTitleText: '转办事项',
  enablePullDownRefresh: true,
})
