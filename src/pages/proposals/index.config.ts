export default definePageConfig({
  navigationBarTitleText: '提案',
})
