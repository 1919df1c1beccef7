// What a resident's data export holds and says about itself: pure.

/** The export's name in the download: the day it was made (Shanghai time). */
export function exportFileName(now: Date): string {
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '')
  return `yishi-my-data-${day}.zip`
}

export const README = `议事 · 我的数据
================

这个压缩包是您在“议事”里留下的数据，导出时间见 account.json 的 exportedAt。

account.json     您的账号：注册时间、同意隐私政策的时间、身份（如居委会、物业）
residence.json   您申请的住址认证：楼组、房号、审核结果和原因
proposals.json   您提交的提案（含现在的办理状态）
cosigns.json     您附议过的提案
posts.json       您在议事厅的发言和回复（含已删除、被隐藏的）
referrals.json   您（作为物业、业委会或街镇部门）对转办提案的接受和答复
photos/          您上传的照片和文件，文件名是它们的编号；各条记录里的 photos 列出编号

不包含的内容：
- 问卷答案。问卷是匿名的：答案保存时就与账号断开，系统无法知道哪份答案是您的，因此也无法导出。
- 其他居民的信息。附议过的提案只列出编号和标题；别人对您的回复不在其中。

如对数据有疑问，请联系您所在居民区的居委会。
`
