import type { DevUser, Me, Residence, ResidenceWait, Session, UnitNode } from '@yishi/types'
import { api } from '@/shared/request'

// The accounts part of the API (see types/accounts.ts).

export const accountsApi = {
  devUsers: () => api.get<{ users: DevUser[] }>('/api/auth/dev-users', { anonymous: true, silent: true }),
  devLogin: (userId: number) => api.post<Session>('/api/auth/dev-login', { userId }, { anonymous: true }),
  wechatLogin: (code: string) => api.post<Session>('/api/auth/wechat', { code }, { anonymous: true }),
  logout: () => api.post<{ ok: true }>('/api/auth/logout', {}, { silent: true, retries: 0 }),
  /** Ends every session of this account, on every device. */
  logoutAll: () => api.post<{ ok: true }>('/api/auth/logout-all', {}),
  me: () => api.get<Me>('/api/me'),
  acceptPrivacy: () => api.post<Me>('/api/me/privacy', {}, { silent: true }),
  requestResidence: (buildingId: number, room: string) => api.post<Residence>('/api/me/residence', { buildingId, room }),
  /** How long the 居委会 usually takes, and how to reach it (for a pending request). */
  residenceWait: () => api.get<ResidenceWait>('/api/me/residence/wait', { silent: true }),
  units: () => api.get<{ units: UnitNode[] }>('/api/units'),
}
