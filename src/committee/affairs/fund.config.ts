export default definePageConfig({
  navigationBarTitleText: '记一笔自治金',
})
