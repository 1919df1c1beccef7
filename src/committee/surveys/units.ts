import type { Me, UnitNode } from '@yishi/types'

// The unit tree as the committee pages need it: the 居民区 a person serves, a unit by id, the 楼组 under one.

function walk(nodes: UnitNode[], visit: (n: UnitNode) => void): void {
  for (const n of nodes) {
    visit(n)
    walk(n.children, visit)
  }
}

export function findUnit(tree: UnitNode[], id: number): UnitNode | null {
  let found: UnitNode | null = null
  walk(tree, (n) => {
    if (n.id === id) found = n
  })
  return found
}

/** The 居民区 a moderator serves, or every 居民区 under an admin's 街镇. */
export function servedNeighbourhoods(me: Me | null, tree: UnitNode[]): UnitNode[] {
  if (!me) return []
  const out: UnitNode[] = []
  const seen = new Set<number>()
  for (const role of me.roles) {
    const unit = findUnit(tree, role.unitId)
    if (!unit) continue
    const list = unit.level === 'neighbourhood' ? [unit] : unit.children.filter((c) => c.level === 'neighbourhood')
    for (const n of list) {
      if (!seen.has(n.id)) {
        seen.add(n.id)
        out.push(n)
      }
    }
  }
  return out
}

/** The 楼组 under a unit (itself when it is one), with their 小区's name. */
export function buildingsUnder(unit: UnitNode | null, tree: UnitNode[]): { id: number; name: string; estateName: string }[] {
  if (!unit) return []
  if (unit.level === 'building') {
    const estate = unit.parentId ? findUnit(tree, unit.parentId) : null
    return [{ id: unit.id, name: unit.name, estateName: estate?.name ?? '' }]
  }
  const out: { id: number; name: string; estateName: string }[] = []
  const estates = unit.level === 'estate' ? [unit] : unit.children.filter((c) => c.level === 'estate')
  for (const e of estates) for (const b of e.children) if (b.level === 'building') out.push({ id: b.id, name: b.name, estateName: e.name })
  return out
}

export const isAdmin = (me: Me | null): boolean => !!me?.roles.some((r) => r.role === 'admin')
