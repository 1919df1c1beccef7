export default definePageConfig({ navigationBarTitleText: '街镇设置' })
