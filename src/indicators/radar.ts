import type { RadarPoint } from '@yishi/types'

// Geometry of the radar chart of the first-level indicators, drawn with plain Views (no canvas, no SVG,
// no chart library): each shape is a View clipped to a polygon, each axis a rotated thin View.
// Coordinates are in a box `width` × `height` units where one unit is 1% of the chart's width in both
// directions (the chart keeps that aspect ratio), so lengths and angles survive the conversion to CSS.
// Pure; tested in __tests__/app/surveys-indicators.test.tsx.

export interface Point {
  x: number
  y: number
}

export interface RadarAxis {
  id: string
  name: string
  points: number
  max: number
  /** points / max, clamped to 0–1. */
  ratio: number
  /** Degrees clockwise from 3 o'clock (CSS rotate); the first axis points straight up (−90). */
  angle: number
  /** The axis' outer end. */
  end: Point
  /** Where its label goes, and which side of the label touches that point. */
  label: Point & { align: 'start' | 'middle' | 'end'; valign: 'top' | 'middle' | 'bottom' }
}

export interface RadarGeometry {
  width: number
  height: number
  center: Point
  radius: number
  axes: RadarAxis[]
  /** The current period's polygon. */
  shape: Point[]
  /** The previous period's polygon, when given. */
  previous: Point[] | null
  /** Guide polygons at 25%, 50%, 75% and 100%, largest first. */
  rings: { level: number; points: Point[] }[]
}

export interface RadarOptions {
  width?: number
  height?: number
  radius?: number
  /** Gap between the outer ring and the labels. */
  labelGap?: number
  levels?: number
}

const round = (x: number): number => Math.round(x * 100) / 100 + 0

export const ratioOf = (p: Pick<RadarPoint, 'points' | 'max'>): number =>
  p.max > 0 && Number.isFinite(p.points) ? Math.max(0, Math.min(1, p.points / p.max)) : 0

export function radarGeometry(points: RadarPoint[], previous?: RadarPoint[] | null, o: RadarOptions = {}): RadarGeometry {
  const width = o.width ?? 100
  const height = o.height ?? 80
  const radius = o.radius ?? 26
  const gap = o.labelGap ?? 5
  const levels = o.levels ?? 4
  const center = { x: width / 2, y: height / 2 }
  const n = points.length
  const angleOf = (i: number) => -90 + (i * 360) / Math.max(1, n)
  const at = (i: number, r: number): Point => {
    const a = (angleOf(i) * Math.PI) / 180
    return { x: round(center.x + r * Math.cos(a)), y: round(center.y + r * Math.sin(a)) }
  }
  const axes: RadarAxis[] = points.map((p, i) => {
    const a = (angleOf(i) * Math.PI) / 180
    const cos = Math.cos(a)
    const sin = Math.sin(a)
    return {
      id: p.id,
      name: p.name,
      points: p.points,
      max: p.max,
      ratio: ratioOf(p),
      angle: round(angleOf(i)),
      end: at(i, radius),
      label: {
        ...at(i, radius + gap),
        align: cos > 0.3 ? 'start' : cos < -0.3 ? 'end' : 'middle',
        valign: sin > 0.3 ? 'top' : sin < -0.3 ? 'bottom' : 'middle',
      },
    }
  })
  const polygon = (list: RadarPoint[]) => list.map((p, i) => at(i, radius * ratioOf(p)))
  const rings = Array.from({ length: levels }, (_, k) => {
    const level = (levels - k) / levels
    return { level, points: points.map((_, i) => at(i, radius * level)) }
  })
  return {
    width,
    height,
    center,
    radius,
    axes,
    shape: polygon(points),
    previous: previous && previous.length === n ? polygon(previous) : null,
    rings,
  }
}

/** CSS clip-path for a polygon inside the chart box: x in % of the width, y in % of the height. */
export function clipPath(points: Point[], width: number, height: number): string {
  if (points.length === 0) return 'polygon(50% 50%)'
  return `polygon(${points.map((p) => `${round((p.x / width) * 100)}% ${round((p.y / height) * 100)}%`).join(', ')})`
}

/** Position of a point as CSS left/top percentages of the chart box. */
export function cssPosition(p: Point, width: number, height: number): { left: string; top: string } {
  return { left: `${round((p.x / width) * 100)}%`, top: `${round((p.y / height) * 100)}%` }
}

export interface Edge {
  from: Point
  /** Length in chart units. */
  length: number
  /** Degrees clockwise from 3 o'clock. */
  angle: number
}

/** The sides of a closed polygon, to draw as rotated thin Views (an outline the clip-path cannot draw). */
export function edges(points: Point[]): Edge[] {
  if (points.length < 2) return []
  return points.map((from, i) => {
    const to = points[(i + 1) % points.length]
    const dx = to.x - from.x
    const dy = to.y - from.y
    return { from, length: round(Math.hypot(dx, dy)), angle: round((Math.atan2(dy, dx) * 180) / Math.PI) }
  })
}
