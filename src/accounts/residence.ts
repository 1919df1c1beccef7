import type { Me, ResidenceWait, UnitNode } from '@yishi/types'

// The logic of residence verification screens: choosing a 小区 and 楼组 from the community tree,
// checking the room, and how each verification state reads to the resident.

export interface EstateChoice {
  id: number
  name: string
  neighbourhoodName: string
  buildings: UnitNode[]
}

/** Every 小区 of the tree with its 楼组, in tree order. */
export function listEstates(units: UnitNode[]): EstateChoice[] {
  const out: EstateChoice[] = []
  const walk = (node: UnitNode, neighbourhoodName: string) => {
    if (node.level === 'estate') {
      out.push({
        id: node.id,
        name: node.name,
        neighbourhoodName,
        buildings: node.children.filter((c) => c.level === 'building'),
      })
      return
    }
    const nextName = node.level === 'neighbourhood' ? node.name : neighbourhoodName
    node.children.forEach((c) => walk(c, nextName))
  }
  units.forEach((u) => walk(u, ''))
  return out
}

export const ROOM_MAX_LENGTH = 20

/** A room such as "302" or "2单元502": null when acceptable, otherwise what to fix. */
export function checkRoom(raw: string): string | null {
  const room = raw.trim()
  if (!room) return '请填写房号，例如 302'
  if (room.length > ROOM_MAX_LENGTH) return `房号最多 ${ROOM_MAX_LENGTH} 个字`
  if (!/[0-9０-９]/.test(room)) return '房号里应有数字，例如 302'
  return null
}

export type ResidenceKind = 'none' | 'pending' | 'approved' | 'rejected'

export interface ResidenceView {
  kind: ResidenceKind
  title: string
  text: string
  /** Label of the call to action; null when there is nothing to do. */
  action: string | null
}

/** How the resident's verification state reads on 首页 and 我的. */
export function residenceView(me: Me | null): ResidenceView {
  const r = me?.residence
  if (!r) {
    return {
      kind: 'none',
      title: '还没有居住认证',
      text: '认证您住在哪个楼组后，就可以联名提案、参加投票和填写社区问卷。',
      action: '去认证',
    }
  }
  const place = `${r.estateName} ${r.buildingName}`
  if (r.status === 'pending') {
    return {
      kind: 'pending',
      title: '审核中',
      text: `您申请认证为 ${place} 居民，居委会核实后就会通过，请耐心等待。`,
      action: null,
    }
  }
  if (r.status === 'rejected') {
    return {
      kind: 'rejected',
      title: '认证没有通过',
      text: `原因：${r.reason || '居委会未填写原因'}。您可以修改后重新申请。`,
      action: '重新申请',
    }
  }
  return {
    kind: 'approved',
    title: r.isRepresentative ? `${place} 居民代表` : `${place} 居民`,
    text: '您可以联名提案、参加投票和填写社区问卷。',
    action: null,
  }
}

/** A span of hours in words a resident reads at a glance: "1 小时", "5 小时", "3 天". */
function spanText(hours: number): string {
  if (hours <= 1) return '1 小时'
  if (hours < 24) return `${Math.ceil(hours)} 小时`
  return `${Math.ceil(hours / 24)} 天`
}

/** How long a pending request usually waits, and whom to ask meanwhile. */
export function waitView(w: ResidenceWait): { time: string; contact: string } {
  const committee = `${w.neighbourhoodName}居委会`
  return {
    time:
      w.typicalHours === null
        ? `${committee}还没有审核过认证申请，暂时估计不出要等多久。`
        : `${committee}一般在 ${spanText(w.typicalHours)}内审核完（按最近 ${w.reviewedCount} 次审核计算）。`,
    contact: w.contact ? `着急的话可以联系居委会：${w.contact}` : '着急的话可以直接到居委会办公室询问。',
  }
}
