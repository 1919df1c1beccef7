export default definePageConfig({
  navigationBarTitleText: '录入评估数据',
})
