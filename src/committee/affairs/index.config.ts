export default definePageConfig({
  navigationBarTitleText: '居务公开：提问与标记',
  enablePullDownRefresh: true,
})
