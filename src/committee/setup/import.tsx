import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { ImportPreview, ImportResult, MissingUnit } from '@yishi/types'
import { HOUSING_TYPE_NAMES, UNIT_LEVEL_NAMES, type HousingType } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { SwitchRow } from '@/shared/ui/ListRow'
import { useAction } from '@/shared/hooks/useAction'
import { isH5 } from '@/shared/env'
import { showError } from '@/shared/request'
import { useMe } from '@/accounts/me'
import { adminStreet, communityApi, spreadsheetType, TEMPLATE_PATH } from '@/community/api'
import { downloadExport } from '@/committee/surveys/export'
import './setup.css'

interface Chosen {
  name: string
  bytes: ArrayBuffer
}

/** The mini-program picks a file from a chat (the only place a phone's files are reachable). */
async function chooseInWeapp(): Promise<Chosen | null> {
  try {
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })
    const file = tempFiles[0]
    const data = Taro.getFileSystemManager().readFileSync(file.path) as ArrayBuffer
    return { name: file.name, bytes: data }
  } catch {
    return null // closed the picker
  }
}

const pathText = (path: string[]) => path.join(' / ')

function valueText(v: string | number | null): string {
  if (v === null || v === '') return '（空）'
  return typeof v === 'string' && v in HOUSING_TYPE_NAMES ? HOUSING_TYPE_NAMES[v as HousingType] : String(v)
}

const FIELD_NAMES = { name: '名称', housingType: '住房类型', households: '户数' } as const

function Counts({ preview }: { preview: ImportPreview }) {
  const counts = [
    { label: '新增', value: preview.plan.create.length },
    { label: '修改', value: preview.plan.update.length },
    { label: '文件中没有', value: preview.plan.missing.length },
  ]
  return (
    <View className='setup-counts'>
      {counts.map((c) => (
        <View className='setup-count' key={c.label}>
          <Text className='setup-count__value'>{c.value}</Text>
          <Text className='setup-count__label'>{c.label}</Text>
        </View>
      ))}
    </View>
  )
}

function missingHint(m: MissingUnit): string {
  if (m.deletable) return '没有居民和提案，可以删除'
  const why = [m.hasResidents ? '有居民' : '', m.hasProposals ? '有提案' : ''].filter(Boolean).join('、')
  return `${why || '下面有在用的单位'}，不能删除，会保留`
}

/** The 街镇 admin loads its community tree (居民区 → 小区 → 楼组) from the template spreadsheet. */
export default function ImportPage() {
  const me = useMe()
  const street = adminStreet(me)
  const [file, setFile] = useState<string | null>(null)
  const [preview, setPreview] = useState<ImportPreview | null>(null)
  const [remove, setRemove] = useState<number[]>([])
  const [result, setResult] = useState<ImportResult | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const action = useAction()

  if (me && !street) return <PageNotice title='只有街镇管理员可以导入社区架构' />

  const send = (chosen: Chosen) => {
    if (!street) return
    const type = spreadsheetType(chosen.name)
    if (!type) {
      showError('请选择 .xlsx 或 .csv 文件')
      return
    }
    setFile(chosen.name)
    setPreview(null)
    setResult(null)
    setRemove([])
    void action.run('preview', async () => setPreview(await communityApi.preview(street.id, chosen.bytes, type)))
  }

  const choose = async () => {
    if (isH5) {
      input.current?.click()
      return
    }
    const chosen = await chooseInWeapp()
    if (chosen) send(chosen)
  }

  const onPicked = async (e: { target: HTMLInputElement }) => {
    const picked = e.target.files?.[0]
    e.target.value = '' // the same file again, once fixed, is a new choice
    if (picked) send({ name: picked.name, bytes: await picked.arrayBuffer() })
  }

  const apply = () => {
    if (!preview?.token) return
    const token = preview.token
    void action.run('apply', async () => setResult(await communityApi.apply({ token, confirmMissing: remove })), {
      ask: {
        title: '确认导入',
        content: `新增 ${preview.plan.create.length} 个，修改 ${preview.plan.update.length} 处${remove.length ? `，删除 ${remove.length} 个` : ''}。确定导入吗？`,
        confirmText: '导入',
      },
      done: '导入完成',
    })
  }

  const toggle = (id: number, on: boolean) => setRemove((ids) => (on ? [...ids, id] : ids.filter((x) => x !== id)))

  return (
    <Page>
      <Card title='第一步：下载模板'>
        <Text className='card__text'>每一行填一个楼组：居民区、小区、住房类型、楼组、户数。</Text>
        <View className='btn-row'>
          <Button kind='secondary' onClick={() => void downloadExport(TEMPLATE_PATH('xlsx'), '社区结构导入模板', 'xlsx')}>
            Excel 模板
          </Button>
          <Button kind='secondary' onClick={() => void downloadExport(TEMPLATE_PATH('csv'), '社区结构导入模板', 'csv')}>
            CSV 模板
          </Button>
        </View>
      </Card>

      <Card title='第二步：选择填好的文件'>
        <Text className='card__text'>{isH5 ? '选择电脑或手机里的 .xlsx 或 .csv 文件。' : '先把文件发到微信聊天里，再从聊天中选择。'}</Text>
        {file && <Text className='card__note'>已选择：{file}</Text>}
        {isH5 && <input ref={input} id='import-file' className='setup-file' type='file' accept='.xlsx,.csv' onChange={(e) => void onPicked(e)} />}
        <Button className='card__action' loading={action.busy === 'preview'} onClick={() => void choose()}>
          {/* One label: the button's spinner and a changed label together upset the H5 button's own rendering. */}
          选择文件
        </Button>
      </Card>

      {preview && preview.errors.length > 0 && (
        <Card title={`文件中有 ${preview.errors.length} 处问题`} tone='danger' className='setup-errors'>
          <Text className='card__text'>请在文件中改好下面这些地方，再重新选择文件。还没有导入任何内容。</Text>
          {preview.errors.map((e, i) => (
            <View className='setup-line setup-error' key={i}>
              <Text className='setup-line__where'>
                第 {e.row} 行{e.column ? ` · ${e.column}` : ''}
                {e.value ? `：“${e.value}”` : ''}
              </Text>
              <Text className='setup-line__what'>{e.message}</Text>
            </View>
          ))}
        </Card>
      )}

      {preview && !preview.errors.length && !result && (
        <Card title='第三步：核对后导入' tone='accent' className='setup-plan'>
          <Text className='card__text'>文件共 {preview.rows} 行，导入后：</Text>
          <Counts preview={preview} />
          {preview.plan.create.map((c) => (
            <Text className='setup-line' key={`c-${pathText(c.path)}`}>
              新增{UNIT_LEVEL_NAMES[c.level]}：{pathText(c.path)}
              {c.level === 'building' ? `（${c.households} 户）` : ''}
            </Text>
          ))}
          {preview.plan.update.map((u) => (
            <Text className='setup-line' key={`u-${u.unitId}-${u.field}`}>
              {pathText(u.path)} 的{FIELD_NAMES[u.field]}：{valueText(u.from)} → {valueText(u.to)}
            </Text>
          ))}
          {preview.plan.missing.length > 0 && (
            <View>
              <Text className='card__lead'>文件中没有这些单位。默认保留；要删除的请打开开关：</Text>
              {preview.plan.missing.map((m) =>
                m.deletable ? (
                  <SwitchRow
                    key={m.unitId}
                    label={`删除${UNIT_LEVEL_NAMES[m.level]} ${pathText(m.path)}`}
                    hint={missingHint(m)}
                    checked={remove.includes(m.unitId)}
                    onChange={(on) => toggle(m.unitId, on)}
                  />
                ) : (
                  <View className='setup-line' key={m.unitId}>
                    <Text className='setup-line__where'>
                      {UNIT_LEVEL_NAMES[m.level]} {pathText(m.path)}
                    </Text>
                    <Text className='setup-line__what'>{missingHint(m)}</Text>
                  </View>
                ),
              )}
            </View>
          )}
          <Button className='card__action' loading={action.busy === 'apply'} onClick={apply}>
            确认导入
          </Button>
        </Card>
      )}

      {result && (
        <Card title='导入完成' tone='success' className='setup-result'>
          <Text className='card__text'>
            {result.changes
              ? `新增 ${result.created} 个，修改 ${result.updated} 处，删除 ${result.deleted} 个。`
              : '文件与现有社区架构一致，没有需要改动的地方。'}
          </Text>
        </Card>
      )}
    </Page>
  )
}
