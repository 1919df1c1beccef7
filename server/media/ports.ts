import type { MediaOwnerKind } from '../../types'
import type { Principal } from '../accounts'

/** Whether the caller may read the owner (a proposal, a post, …) with this id. */
export type OwnerReader = (principal: Principal, ownerId: number) => Promise<boolean>

/**
 * What media asks of the capabilities above it, wired in server/app.ts: who may read each kind of owner.
 * An attachment whose kind has no reader opens the upload to nobody but its uploader and committee.
 */
export interface MediaPorts {
  owners: Partial<Record<MediaOwnerKind, OwnerReader>>
}
