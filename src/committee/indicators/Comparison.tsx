import { ScrollView, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { IndexComparison } from '@yishi/types'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { LoadState } from '@/shared/ui/LoadState'
import { useLoader } from '@/shared/hooks/useLoader'
import { indicatorsApi } from '@/indicators/api'

/** The rows shown: the total and the first-level indicators, and the second-level ones when asked for. */
export function comparisonRows(table: IndexComparison, detailed: boolean) {
  return table.items.flatMap((item, i) =>
    item.depth <= (detailed ? 2 : 1) ? [{ item, cells: table.neighbourhoods.map((n) => n.cells[i]) }] : [],
  )
}

/** The 街镇 admin's table: each 居民区 a column, each indicator a row, on one screen from one request. */
export function Comparison({ period }: { period: string }) {
  const [detailed, setDetailed] = useState(false)
  const load = useLoader(() => indicatorsApi.compare(period), { deps: [period] })
  const table = load.data
  return (
    <Card title='各居民区对比'>
      <LoadState load={load} title='对比表没有加载出来' text='请检查网络后重试。' loading='正在计算各居民区…' />
      {table && table.neighbourhoods.length === 0 && <Text className='card__text'>本街镇还没有居民区。请先在“街镇设置”里导入社区架构。</Text>}
      {table && table.neighbourhoods.length > 0 && (
        <View>
          <ScrollView scrollX className='ix-compare'>
            <View className='ix-compare__row ix-compare__row--head'>
              <Text className='ix-compare__name'>指标（满分）</Text>
              {table.neighbourhoods.map((n) => (
                <Text className='ix-compare__cell' key={n.id}>
                  {n.name}
                </Text>
              ))}
            </View>
            {comparisonRows(table, detailed).map(({ item, cells }) => (
              <View className={`ix-compare__row ix-compare__row--d${item.depth}`} key={item.id}>
                <Text className='ix-compare__name'>
                  {item.name}（{item.max}）
                </Text>
                {cells.map((c, i) => (
                  <Text className={`ix-compare__cell ${c.missing ? 'ix-compare__cell--missing' : ''}`} key={table.neighbourhoods[i].id}>
                    {c.points}
                    {c.missing ? ' 缺' : ''}
                  </Text>
                ))}
              </View>
            ))}
          </ScrollView>
          <Text className='card__note'>“缺”：这一项下有指标还没有数据，按 0 分计，分数会偏低。表格可以左右滑动。</Text>
          <Button kind='plain' onClick={() => setDetailed(!detailed)}>
            {detailed ? '只看一级指标' : '也看二级指标'}
          </Button>
        </View>
      )}
    </Card>
  )
}
