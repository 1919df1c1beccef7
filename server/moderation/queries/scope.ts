import type { Context } from '../../discussions'
import { enforce, readableNeighbourhoods } from '../../discussions'
import { forbidden } from '../../core/errors'
import { staffCheck } from '../policy'

/** The 居民区 a staff member serves, optionally narrowed to one (403 if it is not theirs). */
export async function staffNeighbourhoods({ db, principal }: Context, unitId: number | undefined): Promise<number[]> {
  enforce(staffCheck(principal))
  const { staff } = await readableNeighbourhoods(db, principal)
  if (unitId === undefined) return staff
  if (!staff.includes(unitId)) throw forbidden('只能查看您负责的居民区')
  return [unitId]
}
