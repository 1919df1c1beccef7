import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { HousingType, Unit, UnitLevel } from '@yishi/types'
import { HOUSING_TYPE_NAMES, UNIT_LEVEL_NAMES } from '@yishi/types'
import { Button } from '@/shared/ui/Button'
import { keysOf } from '@/shared/keys'
import { TextField, Tiles } from '@/committee/proposals/fields'

export const NAME_MAX = 40
export const HOUSEHOLDS_MAX = 10000

const HOUSING_OPTIONS = keysOf(HOUSING_TYPE_NAMES).map((value) => ({ value, label: HOUSING_TYPE_NAMES[value] }))

export interface UnitFields {
  name: string
  housingType?: HousingType
  households?: number
}

/** What is wrong with the fields for a unit of this level, or null. */
export function checkUnit(level: UnitLevel, name: string, housingType: HousingType | null, households: string): string | null {
  const trimmed = name.trim()
  if (!trimmed) return '请填写名称'
  if ([...trimmed].length > NAME_MAX) return `名称最多 ${NAME_MAX} 个字`
  if (level === 'estate' && !housingType) return '请选择住房类型'
  if (level === 'building') {
    const n = Number(households)
    if (!/^\d+$/.test(households.trim()) || n < 1 || n > HOUSEHOLDS_MAX) return `户数请填 1 到 ${HOUSEHOLDS_MAX} 之间的整数`
  }
  return null
}

/** Edit a unit (name; housing type of a 小区; households of a 楼组) or add one under a parent. */
export function UnitForm({ level, unit, busy, onSave, onCancel }: { level: Exclude<UnitLevel, 'street'>; unit?: Unit; busy: boolean; onSave(fields: UnitFields): void; onCancel(): void }) {
  const [name, setName] = useState(unit?.name ?? '')
  const [housingType, setHousingType] = useState<HousingType | null>(unit?.housingType ?? null)
  const [households, setHouseholds] = useState(unit && level === 'building' ? String(unit.households) : '')
  const [error, setError] = useState<string | null>(null)

  const save = () => {
    const problem = checkUnit(level, name, housingType, households)
    setError(problem)
    if (problem) return
    onSave({
      name: name.trim(),
      ...(level === 'estate' && housingType ? { housingType } : {}),
      ...(level === 'building' ? { households: Number(households) } : {}),
    })
  }

  return (
    <View className='unit-form'>
      <TextField id='unit-name' label={`${UNIT_LEVEL_NAMES[level]}名称`} value={name} onChange={setName} max={NAME_MAX} />
      {level === 'estate' && (
        <View>
          <Text className='field__label'>住房类型</Text>
          <Tiles options={HOUSING_OPTIONS} value={housingType} onChange={setHousingType} />
        </View>
      )}
      {level === 'building' && <TextField id='unit-households' label='户数' value={households} onChange={setHouseholds} max={5} type='number' />}
      {error && <Text className='field__error'>{error}</Text>}
      <View className='btn-row'>
        <Button kind='secondary' disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button loading={busy} onClick={save}>
          保存
        </Button>
      </View>
    </View>
  )
}
