import type { Me } from '../../../types'
import type { Trx } from '../../core/db'
import { meOf } from '../queries'

/** Records the first time the user agreed to the privacy notice; agreeing again changes nothing. */
export async function acceptPrivacy(trx: Trx, userId: number, now: Date): Promise<Me> {
  await trx
    .updateTable('users')
    .set({ privacy_accepted_at: now.toISOString() })
    .where('id', '=', userId)
    .where('privacy_accepted_at', 'is', null)
    .execute()
  return meOf(trx, userId)
}
