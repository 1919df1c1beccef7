import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { AppNotification, NotificationPage } from '@yishi/types'
import { Page } from '@/accounts/Page'
import { Badge, Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { LoadMore } from '@/shared/ui/LoadMore'
import { LoadState } from '@/shared/ui/LoadState'
import { usePagedList } from '@/shared/hooks/usePagedList'
import { formatDateTime } from '@/shared/format'
import { notificationsApi } from '@/notifications/api'
import { useUnread } from '@/notifications/unread'
import { notificationKindName, notificationTarget } from '@/notifications/labels'
import '@/proposals/proposals.css'

export default function NotificationsPage() {
  // The same count as the tab bar's badge, which follows it.
  const unread = useUnread((s) => s.count)
  const setUnread = useUnread((s) => s.set)
  // The first page quietly (the page says it failed); a next page's failure is a toast.
  const list = usePagedList<AppNotification, NotificationPage>((cursor) => notificationsApi.list(cursor, !cursor), {
    onPage: (page) => setUnread(page.unread),
  })
  const items = list.items

  const markLocal = (ids: number[] | null) => list.update((all) => all.map((n) => (ids === null || ids.includes(n.id) ? { ...n, read: true } : n)))

  const open = (n: AppNotification) => {
    if (!n.read) {
      markLocal([n.id])
      setUnread(Math.max(0, unread - 1))
      void notificationsApi
        .markRead([n.id])
        .then((r) => setUnread(r.unread))
        .catch(() => undefined)
    }
    const url = notificationTarget(n)
    if (url) void Taro.navigateTo({ url })
  }

  const readAll = async () => {
    try {
      const r = await notificationsApi.markRead()
      markLocal(null)
      setUnread(r.unread)
    } catch {
      Taro.showToast({ title: '没有标记成功，请稍后重试', icon: 'none' })
    }
  }

  return (
    <Page>
      {unread > 0 && (
        <View className='btn-row btn-row--top'>
          <Button kind='secondary' onClick={readAll}>
            全部标为已读（{unread} 条未读）
          </Button>
        </View>
      )}
      <LoadState load={list} title='消息没有加载出来' text='请检查网络后重试。' />
      {items && !items.length && (
        <EmptyState title='还没有消息' text='您提的、附议的和关注的提案有进展，或者您在议事厅的发言有处理结果时，会在这里通知您。' />
      )}
      {items?.map((n) => (
        <Card
          key={n.id}
          className={n.read ? 'notice' : 'notice notice--unread'}
          tone={n.read ? 'plain' : 'accent'}
          title={n.title}
          extra={n.read ? <Badge tone='neutral'>{notificationKindName(n.kind)}</Badge> : <Badge tone='accent'>未读</Badge>}
          onClick={() => open(n)}
        >
          <Text className='card__text'>{n.body}</Text>
          <Text className='notice__time'>
            {notificationKindName(n.kind)} · {formatDateTime(n.createdAt)}
          </Text>
        </Card>
      ))}
      <LoadMore list={list} />
    </Page>
  )
}
