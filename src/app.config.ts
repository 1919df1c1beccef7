// The app's pages, tab bar and window (app.json in the mini-program).
export default defineAppConfig({
  pages: [
    'pages/home/index',
    'pages/proposals/index',
    'pages/hall/index',
    'pages/surveys/index',
    'pages/mine/index',
    'pages/login/index',
    'pages/residence/index',
    'pages/privacy/index',
    'pages/hall/topic',
    'pages/hall/thread',
  ],
  // Committee (居委会) pages load only for those who open them, keeping the main package small.
  subPackages: [
    {
      root: 'committee',
      pages: ['verifications/index', 'proposals/index', 'proposals/manage', 'proposals/proxy', 'moderation/index', 'moderation/log', 'discussions/topic', 'discussions/new', 'surveys/index', 'surveys/edit', 'surveys/detail', 'surveys/paper', 'indicators/index', 'indicators/inputs', 'reports/index', 'setup/index', 'setup/import', 'setup/units', 'setup/staff', 'setup/overdue', 'affairs/index', 'affairs/supervisors', 'affairs/fund', 'affairs/correct', 'affairs/street'],
    },
    // Residents' pages one tap away from a tab (a proposal, answering a survey, writing a proposal or a
    // post, my proposals, notifications, 转办事项, an invitation, a survey's results): out of the main
    // package so the app starts sooner, fetched in the background by preloadRule below.
    // Old links to their former pages/… paths still work (src/shared/movedPages.ts).
    {
      root: 'more',
      pages: ['proposals/detail', 'surveys/answer', 'proposals/submit', 'proposals/mine', 'proposals/notifications', 'hall/compose', 'surveys/summary', 'referrals/index', 'invite/index'],
    },
    // 居务公开: opened from 我的, so the main package stays small.
    {
      root: 'affairs',
      pages: ['pages/index', 'pages/entry'],
    },
  ],
  // Every tab and the 议事厅's pages link to `more`: once one is shown, WeChat fetches it in the background.
  preloadRule: {
    'pages/home/index': { network: 'all', packages: ['more'] },
    'pages/proposals/index': { network: 'all', packages: ['more'] },
    'pages/hall/index': { network: 'all', packages: ['more'] },
    'pages/surveys/index': { network: 'all', packages: ['more'] },
    'pages/mine/index': { network: 'all', packages: ['more'] },
    'pages/hall/topic': { network: 'all', packages: ['more'] },
    'pages/hall/thread': { network: 'all', packages: ['more'] },
  },
  window: {
    navigationBarTitleText: '议事',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f2f3f5',
    backgroundTextStyle: 'dark',
    // Also draws Taro's navigation bar (title, back button) in the H5 build.
    navigationStyle: 'default',
  },
  tabBar: {
    color: '#3d3d3d',
    selectedColor: '#1d5bb8',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/proposals/index', text: '提案' },
      { pagePath: 'pages/hall/index', text: '议事厅' },
      { pagePath: 'pages/surveys/index', text: '问卷' },
      { pagePath: 'pages/mine/index', text: '我的' },
    ],
  },
  // WeChat privacy: privacy-protected APIs wait for the user's agreement (see accounts/privacy.ts).
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
})
