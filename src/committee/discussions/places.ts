import type { UnitNode } from '@yishi/types'

// Where a staff member may open a topic: the 居民区 and 小区 they serve (楼组 are picked inside a 小区).

export interface Place {
  id: number
  name: string
  level: 'neighbourhood' | 'estate'
  /** 楼组 of a 小区. */
  buildings: UnitNode[]
}

/** The 居民区 and 小区 a staff member serves (their grants and everything under them), in tree order. */
export function placesOf(units: UnitNode[], grantIds: number[]): Place[] {
  const out: Place[] = []
  const walk = (node: UnitNode, inside: boolean) => {
    const mine = inside || grantIds.includes(node.id)
    if (mine && node.level === 'neighbourhood') out.push({ id: node.id, name: node.name, level: 'neighbourhood', buildings: [] })
    if (mine && node.level === 'estate') out.push({ id: node.id, name: node.name, level: 'estate', buildings: node.children.filter((c) => c.level === 'building') })
    node.children.forEach((c) => walk(c, mine))
  }
  units.forEach((u) => walk(u, false))
  return out
}
