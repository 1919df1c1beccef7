import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { UnitNode } from '@yishi/types'
import { HOUSING_TYPE_NAMES, UNIT_LEVEL_NAMES } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { LoadState } from '@/shared/ui/LoadState'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { useMe } from '@/accounts/me'
import { adminStreet, communityApi } from '@/community/api'
import { UnitForm, type UnitFields } from './UnitForm'
import './setup.css'

type Below = Exclude<UnitNode['level'], 'street'>
const CHILD_LEVEL: Record<UnitNode['level'], Below | null> = { street: 'neighbourhood', neighbourhood: 'estate', estate: 'building', building: null }

/** Which unit's form is open: editing it, or adding a child under it. */
type Editing = { kind: 'edit' | 'add'; id: number } | null

function describe(u: UnitNode): string {
  if (u.level === 'estate') return u.housingType ? HOUSING_TYPE_NAMES[u.housingType] : '未填住房类型'
  if (u.level === 'building') return `${u.households} 户，已认证 ${u.verifiedHouseholds} 户`
  return `${u.children.length} 个${UNIT_LEVEL_NAMES[CHILD_LEVEL[u.level]!]}`
}

/** The 街镇 admin's community tree, edited one unit at a time. */
export default function UnitsPage() {
  const me = useMe()
  const street = adminStreet(me)
  const load = useLoader(() => communityApi.units(), { enabled: !!street })
  const [editing, setEditing] = useState<Editing>(null)
  const action = useAction()

  if (me && !street) return <PageNotice title='只有街镇管理员可以修改社区架构' />
  const root = load.data?.units.find((u) => u.id === street?.id) ?? null

  const save = (work: () => Promise<unknown>, done: string) =>
    void action.run('save', async () => {
      await work()
      setEditing(null)
      await load.reload()
    }, { done })

  const row = (u: UnitNode, depth: number) => {
    const child = CHILD_LEVEL[u.level]
    const open = editing?.id === u.id ? editing.kind : null
    return (
      <View key={u.id} className={depth ? `setup-indent-${Math.min(depth, 2)}` : ''}>
        {u.level !== 'street' && (
          <View className='list-row' hoverClass='list-row--pressed' onClick={() => setEditing({ kind: 'edit', id: u.id })}>
            <View className='list-row__main'>
              <Text className='list-row__label'>
                {UNIT_LEVEL_NAMES[u.level]} {u.name}
              </Text>
              <Text className='list-row__hint'>{describe(u)}</Text>
            </View>
            <Text className='list-row__arrow'>改</Text>
          </View>
        )}
        {open === 'edit' && u.level !== 'street' && (
          <UnitForm
            level={u.level}
            unit={u}
            busy={action.busy === 'save'}
            onCancel={() => setEditing(null)}
            onSave={(fields) => save(() => communityApi.updateUnit(u.id, fields), '已保存')}
          />
        )}
        {u.children.map((c) => row(c, u.level === 'street' ? 0 : depth + 1))}
        {child && open !== 'add' && (
          <Button kind='plain' small onClick={() => setEditing({ kind: 'add', id: u.id })}>
            ＋ 添加{UNIT_LEVEL_NAMES[child]}
            {u.level === 'street' ? '' : `（${u.name}）`}
          </Button>
        )}
        {child && open === 'add' && (
          <UnitForm
            level={child}
            busy={action.busy === 'save'}
            onCancel={() => setEditing(null)}
            onSave={(fields: UnitFields) => save(() => communityApi.createUnit({ parentId: u.id, level: child, ...fields }), '已添加')}
          />
        )}
      </View>
    )
  }

  return (
    <Page>
      <LoadState load={load} title='社区架构没有加载出来' text='请检查网络后重试。' />
      {root && (
        <Card title={root.name}>
          <Text className='card__note'>点一行修改名称、住房类型或户数。大批修改请用“社区架构导入”。</Text>
          {row(root, 0)}
        </Card>
      )}
    </Page>
  )
}
