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

export interface NotificationTables {
  notifications: NotificationTable
}
