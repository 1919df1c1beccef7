import type { AccountPorts } from '../accounts'
import { notify } from './notify'
import { pushAfterCommit } from './push'

/** Tells a resident the 居委会's answer to their residence request (wired into accounts in app.ts). */
export const tellResidenceReviewed: AccountPorts['residenceReviewed'] = async (trx, after, r) => {
  const approved = r.decision === 'approved'
  const pushes = await notify(
    trx,
    [r.userId],
    {
      kind: approved ? 'residence.approved' : 'residence.rejected',
      title: '居住认证',
      body: approved ? `您在${r.place}的居住认证已通过` : `居住认证未通过：${r.reason ?? ''}`,
      targetType: 'residence',
      targetId: r.residenceId,
      status: approved ? '已通过' : '未通过',
    },
    r.now,
  )
  pushAfterCommit(after, pushes)
}
