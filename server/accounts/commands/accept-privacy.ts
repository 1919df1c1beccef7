import type { Me } from '../../../types'
import type { Trx } from '../../core/db'
import type { AfterCommit } from '../../core/write'
import { forgetAccount } from '../account-cache'
import { meOf } from '../queries'

/** Records the first time the user agreed to the privacy notice; agreeing again changes nothing. */
export async function acceptPrivacy(trx: Trx, userId: number, now: Date, after: AfterCommit): Promise<Me> {
  await trx
    .updateTable('users')
    .set({ privacy_accepted_at: now.toISOString() })
    .where('id', '=', userId)
    .where('privacy_accepted_at', 'is', null)
    .execute()
  after((app) => forgetAccount(app, userId))
  return meOf(trx, userId)
}
