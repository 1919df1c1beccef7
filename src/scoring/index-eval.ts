// Evaluates an index definition (a tree of indicators) against inputs keyed by leaf id.

import type {
  IndexDefinition,
  IndexInputs,
  IndexLeaf,
  IndexNode,
  IndexNodeResult,
  IndexResult,
  IndexRule,
} from '../../types/scoring'
import { round2 } from './format'
import { evaluateLeaf, ruleMax } from './rules'

export const isLeaf = (node: IndexNode): node is IndexLeaf => 'rule' in node

interface Walk {
  inputs: IndexInputs
  /** Unrounded leaf points in tree order: every total is a sum of these, rounded once. */
  leafPoints: number[]
  missing: string[]
  provisional: string[]
  leafIds: Set<string>
}

const sumFrom = (values: number[], start: number): number => {
  let total = 0
  for (let i = start; i < values.length; i++) total += values[i]
  return total
}

function evaluateNode(node: IndexNode, walk: Walk): IndexNodeResult {
  if (isLeaf(node)) {
    const result = evaluateLeaf(node, walk.inputs[node.id])
    walk.leafPoints.push(result.rawPoints)
    walk.leafIds.add(node.id)
    if (result.missing) walk.missing.push(node.id)
    if (result.provisional) walk.provisional.push(node.id)
    return result
  }
  const start = walk.leafPoints.length
  const children = node.children.map((child) => evaluateNode(child, walk))
  const rawPoints = sumFrom(walk.leafPoints, start)
  return { id: node.id, name: node.name, max: node.max, points: round2(rawPoints), rawPoints, children }
}

export function evaluateIndex(definition: IndexDefinition, inputs: IndexInputs): IndexResult {
  const walk: Walk = { inputs: inputs ?? {}, leafPoints: [], missing: [], provisional: [], leafIds: new Set() }
  const children = definition.children.map((child) => evaluateNode(child, walk))
  const rawPoints = sumFrom(walk.leafPoints, 0)
  const total = round2(rawPoints)
  return {
    id: definition.id,
    name: definition.name,
    max: definition.max,
    total,
    points: total,
    rawPoints,
    children,
    missing: walk.missing,
    provisional: walk.provisional,
    unknownInputs: Object.keys(walk.inputs).filter((key) => !walk.leafIds.has(key)),
  }
}

const ID_PATTERN = /^[a-z][a-z0-9_]*$/
const close = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9

/**
 * Problems with a definition (empty when sound): ids that are not stable ASCII or repeat,
 * parents whose max is not the sum of their children's, rules that cannot reach their node's max.
 * For checking a district's own table before it is used.
 */
export function validateIndexDefinition(definition: IndexDefinition): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  const checkId = (id: string, where: string, scope: Set<string>): void => {
    if (!ID_PATTERN.test(id)) problems.push(`${where}: id "${id}" is not a lowercase ASCII id`)
    if (scope.has(id)) problems.push(`${where}: duplicate id "${id}"`)
    scope.add(id)
  }
  const checkSum = (id: string, max: number, childMaxima: number[]): void => {
    const total = childMaxima.reduce((a, b) => a + b, 0)
    if (!close(total, max)) problems.push(`${id}: max ${max} but its parts add up to ${total}`)
  }
  const checkRule = (id: string, rule: IndexRule, max: number): void => {
    if (!close(ruleMax(rule, max), max)) problems.push(`${id}: max ${max} but its rule gives at most ${ruleMax(rule, max)}`)
    if (rule.kind === 'configurable') checkRule(id, rule.rule, max)
    if (rule.kind === 'checklist') {
      const items = new Set<string>()
      for (const item of rule.items) checkId(item.id, id, items)
    }
    if (rule.kind === 'sum') {
      const parts = new Set<string>()
      for (const part of rule.parts) {
        checkId(part.id, id, parts)
        checkRule(`${id}.${part.id}`, part.rule, part.max)
      }
    }
  }
  const visit = (node: IndexNode): void => {
    checkId(node.id, node.id, seen)
    if (isLeaf(node)) return checkRule(node.id, node.rule, node.max)
    checkSum(node.id, node.max, node.children.map((child) => child.max))
    node.children.forEach(visit)
  }
  checkSum(definition.id, definition.max, definition.children.map((child) => child.max))
  definition.children.forEach(visit)
  return problems
}
