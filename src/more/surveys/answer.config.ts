export default definePageConfig({
  // onShareAppMessage: the card a resident forwards to the 楼组 group chat (src/share/useShare.ts).
  enableShareAppMessage: true,
  navigationBarTitleText: '填写问卷',
})
