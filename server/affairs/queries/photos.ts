// Who may open a 自治金 receipt photo: whoever may read the ledger entry it is attached to.
import type { Kysely } from 'kysely'
import { can } from '../../accounts'
import type { Database } from '../../db/schema'
import type { OwnerReader } from '../../media'
import { unitInfo } from '../../surveys'

export function fundPhotoReader(db: Kysely<Database>): OwnerReader {
  return async (principal, id) => {
    const row = await db.selectFrom('affairs_entries').select('neighbourhood_id').where('id', '=', id).executeTakeFirst()
    const unit = row ? await unitInfo(db, row.neighbourhood_id) : null
    return unit !== null && can(principal, 'affairs.read', unit.chain)
  }
}
