import type { Generated } from 'kysely'

export interface NotificationTable {
  id: Generated<number>
  user_id: number
  kind: string
  title: string
  body: string
  target_type: string
  target_id: number
  created_at: string
  read_at: string | null
}

/** A subscribe message sent (or tried) for a notification: see migration 013_push_log. */
export interface PushLogTable {
  id: Generated<number>
  notification_id: number
  user_id: number
  template_id: string
  page: string
  /** The template's data as sent (JSON), so a retry sends the same message. */
  data: string
  status: 'sending' | 'sent' | 'unsubscribed' | 'refused' | 'failed'
  errcode: number | null
  attempts: number
  created_at: string
  answered_at: string | null
  next_attempt_at: string | null
}

export interface NotificationTables {
  notifications: NotificationTable
  push_log: PushLogTable
}
