import { Text, View } from '@tarojs/components'
import type { RadarPoint } from '@yishi/types'
import { clipPath, cssPosition, edges, radarGeometry, type Point } from './radar'
import './indicators.css'

const WIDTH = 100
const HEIGHT = 84
/** How far a label moves back from its anchor point, per side. */
const SHIFT = { start: '0', top: '0', middle: '-50%', end: '-100%', bottom: '-100%' } as const

/**
 * The radar of the first-level indicators (share of each one's maximum), this period over the previous
 * one. Plain Views: polygons are clipped Views, axes rotated thin Views; no canvas and no chart library.
 */
export function Radar({ points, previous, previousLabel }: { points: RadarPoint[]; previous?: RadarPoint[] | null; previousLabel?: string }) {
  const g = radarGeometry(points, previous, { width: WIDTH, height: HEIGHT, radius: 27, labelGap: 4 })
  const shape = (pts: typeof g.shape, cls: string) => (
    <View className={`radar__shape ${cls}`} style={{ clipPath: clipPath(pts, WIDTH, HEIGHT), WebkitClipPath: clipPath(pts, WIDTH, HEIGHT) }} />
  )
  const outline = (pts: Point[], cls: string) =>
    edges(pts).map((e, i) => (
      <View
        key={`${cls}-${i}`}
        className={`radar__edge ${cls}`}
        style={{ ...cssPosition(e.from, WIDTH, HEIGHT), width: `${e.length}%`, transform: `rotate(${e.angle}deg)` }}
      />
    ))
  return (
    <View className='radar' ariaLabel={points.map((p) => `${p.name} ${p.points} / ${p.max} 分`).join('，')}>
      <View className='radar__box' style={{ paddingBottom: `${HEIGHT}%` }}>
        {g.rings.map((r, i) => (
          <View key={r.level}>{shape(r.points, i % 2 === 0 ? 'radar__ring' : 'radar__ring radar__ring--alt')}</View>
        ))}
        {g.axes.map((a) => (
          <View
            key={`axis-${a.id}`}
            className='radar__axis'
            style={{ ...cssPosition(g.center, WIDTH, HEIGHT), width: `${g.radius}%`, transform: `rotate(${a.angle}deg)` }}
          />
        ))}
        {shape(g.shape, 'radar__current')}
        {outline(g.shape, 'radar__edge--current')}
        {g.previous && outline(g.previous, 'radar__edge--previous')}
        {g.shape.map((p, i) => (
          <View key={`dot-${g.axes[i].id}`} className='radar__dot' style={cssPosition(p, WIDTH, HEIGHT)} />
        ))}
        {g.axes.map((a) => (
          <View key={`label-${a.id}`} className={`radar__label radar__label--h-${a.label.align} radar__label--v-${a.label.valign}`} style={{ ...cssPosition(a.label, WIDTH, HEIGHT), transform: `translate(${SHIFT[a.label.align]}, ${SHIFT[a.label.valign]})` }}
          >
            <Text className='radar__name'>{a.name}</Text>
            <Text className='radar__value'>
              {a.points}/{a.max}
            </Text>
          </View>
        ))}
      </View>
      <View className='radar__legend'>
        <View className='radar__key'>
          <View className='radar__swatch radar__swatch--current' />
          <Text>本期</Text>
        </View>
        {g.previous && (
          <View className='radar__key'>
            <View className='radar__swatch radar__swatch--previous' />
            <Text>{previousLabel ?? '上期'}</Text>
          </View>
        )}
        <Text className='radar__hint'>越靠外得分越高（占满分的比例）</Text>
      </View>
    </View>
  )
}
