// The privacy notice, in plain words. Shown and agreed on first launch; readable again from 我的.
// Bump PRIVACY_VERSION when the text changes in substance, so everyone is asked again.

export const PRIVACY_VERSION = 1

export const PRIVACY_TITLE = '隐私说明'

export const PRIVACY_INTRO = '“议事”是本社区居民提出建议、一起商量、投票和填写问卷的地方。使用前，请您了解我们会记录哪些信息：'

export interface PrivacyItem {
  title: string
  text: string
}

export const PRIVACY_ITEMS: PrivacyItem[] = [
  {
    title: '微信身份标识',
    text: '登录时我们只保存微信提供的一串编号（openid），用来认出是您。我们不获取您的微信昵称、头像和手机号。',
  },
  {
    title: '楼组和房号',
    text: '您申请居住认证时填写的楼组和房号，只给本居民区的居委会工作人员核实使用，不会展示给其他居民。',
  },
  {
    title: '别人看到的您',
    text: '您提出的建议和在议事厅的发言，其他居民只会看到“3号楼居民”这样的称呼，看不到您的姓名、房号或手机号。',
  },
]

export const PRIVACY_FOOTER = '点击“同意并继续”即表示您已阅读并同意以上说明。如不同意，可以直接退出，不会记录任何信息。'
