import Taro from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import type { ModerationLogEntry } from '@yishi/types'
import { MODERATION_ACTION_NAMES } from '@yishi/types'
import { addShanghaiDays, shanghaiDay, startOfShanghaiDay } from '@yishi/types/time'
import { Page, PageNotice } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadMore } from '@/shared/ui/LoadMore'
import { LoadState } from '@/shared/ui/LoadState'
import { usePagedList } from '@/shared/hooks/usePagedList'
import { ListRow } from '@/shared/ui/ListRow'
import { formatDateTime } from '@/shared/format'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { moderationApi } from '@/moderation/api'
import { threadUrl, topicUrl } from '@/discussions/routes'
import './moderation.css'

const ACTIONS = Object.keys(MODERATION_ACTION_NAMES)
const ACTION_OPTIONS = ['全部操作', ...ACTIONS.map((a) => MODERATION_ACTION_NAMES[a])]

interface Filters {
  action: string | null
  actorId: number | null
  from: string | null
  to: string | null
}

/** The append-only moderation log, read-only: who did what, when and why, filtered by action, person and date. */
export default function ModerationLogPage() {
  const me = useMe()
  const [filters, setFilters] = useState<Filters>({ action: null, actorId: null, from: null, to: null })
  // Staff seen in the log so far, for the person filter (the API has no list of staff).
  const [actors, setActors] = useState<Map<number, string>>(new Map())

  const list = usePagedList<ModerationLogEntry>(
    (cursor) =>
      moderationApi.log({
        action: filters.action ?? undefined,
        actorId: filters.actorId ?? undefined,
        from: filters.from ? startOfShanghaiDay(filters.from).toISOString() : undefined,
        to: filters.to ? startOfShanghaiDay(addShanghaiDays(filters.to, 1)).toISOString() : undefined,
        cursor,
      }),
    {
      enabled: isCommittee(me),
      deps: [filters],
      onPage: (page) =>
        setActors((m) => {
          const next = new Map(m)
          for (const e of page.items) if (e.actorLabel !== '居民' && e.actorId !== null) next.set(e.actorId, e.actorLabel)
          return next
        }),
    },
  )
  const items = list.items

  if (me && !isCommittee(me)) {
    return <PageNotice title='只有居委会或街镇工作人员可以查看审核日志' />
  }

  const actorName = (id: number, label: string) => (id === me?.id ? '我' : `${label}（编号 ${id}）`)
  const actorList = [...actors.entries()]
  const actorOptions = ['所有人', ...actorList.map(([id, label]) => actorName(id, label))]
  const actorIndex = filters.actorId === null ? 0 : actorList.findIndex(([id]) => id === filters.actorId) + 1
  const today = shanghaiDay(Date.now())
  const filtered = filters.action || filters.actorId || filters.from || filters.to

  return (
    <Page>
      <Text className='hint'>审核日志只能查看，不能修改或删除。每一次隐藏、恢复、禁言、锁定和申诉复核都记录在这里。</Text>
      <Card title='筛选' className='log-filters'>
        <Picker
          className='picker-row'
          mode='selector'
          range={ACTION_OPTIONS}
          value={filters.action ? ACTIONS.indexOf(filters.action) + 1 : 0}
          onChange={(e) => {
            const i = Number(e.detail.value)
            setFilters({ ...filters, action: i === 0 ? null : ACTIONS[i - 1] })
          }}
        >
          <ListRow label='操作' value={<Text className='filter-value'>{filters.action ? MODERATION_ACTION_NAMES[filters.action] : '全部'}</Text>} arrow />
        </Picker>
        <Picker
          className='picker-row'
          mode='selector'
          range={actorOptions}
          value={Math.max(0, actorIndex)}
          onChange={(e) => {
            const i = Number(e.detail.value)
            setFilters({ ...filters, actorId: i === 0 ? null : actorList[i - 1][0] })
          }}
        >
          <ListRow label='操作人' value={<Text className='filter-value'>{actorOptions[Math.max(0, actorIndex)]}</Text>} arrow />
        </Picker>
        <Picker className='picker-row' mode='date' value={filters.from ?? filters.to ?? today} end={filters.to ?? undefined} onChange={(e) => setFilters({ ...filters, from: String(e.detail.value) })}>
          <ListRow label='从哪天' value={<Text className='filter-value'>{filters.from ?? '不限'}</Text>} arrow />
        </Picker>
        <Picker className='picker-row' mode='date' value={filters.to ?? today} start={filters.from ?? undefined} onChange={(e) => setFilters({ ...filters, to: String(e.detail.value) })}>
          <ListRow label='到哪天' value={<Text className='filter-value'>{filters.to ?? '不限'}</Text>} arrow />
        </Picker>
        {filtered && (
          <Button kind='plain' small className='card__action' onClick={() => setFilters({ action: null, actorId: null, from: null, to: null })}>
            清除筛选
          </Button>
        )}
      </Card>

      <LoadState load={list} title='日志没有加载出来' text='请检查网络后重试。' />
      {items && items.length === 0 && (
        <EmptyState
          title={filtered ? '没有符合条件的记录' : '还没有审核记录'}
          text={filtered ? '可以放宽日期或换一个操作类型、人员再查。' : '审核发言、认证居民、处理提案后，每一步都会记在这里。'}
        />
      )}
      {items?.map((e) => (
        <Card key={e.id}>
          <View className='log-entry__head'>
            <Text className='log-entry__action'>{e.actionName}</Text>
            <Text className='log-entry__time'>{formatDateTime(e.createdAt)}</Text>
          </View>
          <Text className='log-entry__text'>
            {e.unitName} · {e.actorLabel === '居民' ? '居民举报触发' : e.actorId === null ? e.actorLabel : actorName(e.actorId, e.actorLabel)}
          </Text>
          {e.reason && <Text className='log-entry__text'>原因：{e.reason}</Text>}
          <Text className='card__note'>
            对象：{e.targetName}
            {e.targetLabel && `「${e.targetLabel}」`}
            {e.targetType === 'post' && (
              <Text className='link log-entry__link' onClick={() => Taro.navigateTo({ url: threadUrl(e.targetId) })}>
                查看发言 ›
              </Text>
            )}
            {e.targetType === 'topic' && (
              <Text className='link log-entry__link' onClick={() => Taro.navigateTo({ url: topicUrl(e.targetId) })}>
                查看议题 ›
              </Text>
            )}
          </Text>
        </Card>
      ))}
      <LoadMore list={list} footer end='没有更多了' />
    </Page>
  )
}
