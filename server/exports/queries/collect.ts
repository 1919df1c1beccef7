// Everything a data export holds about one user, read from the tables that keep it. Only rows that are
// theirs: another resident's text is never read here (a co-signed proposal is named by its title only).
import type { Kysely } from 'kysely'
import { maskPersonalInfo } from '../../content'
import type { Database } from '../../db/schema'
import { parsePhotoIds } from '../../media'
import { ownSignerKey } from '../../proposals'

type Q = Kysely<Database>

export interface Collected {
  sections: Record<'account' | 'residence' | 'proposals' | 'cosigns' | 'posts' | 'referrals', unknown>
  /** The user's own uploads: stored key and the name in the zip. */
  files: { key: string; name: string }[]
}

export async function collect(db: Q, userId: number, now: Date): Promise<Collected> {
  const [user, roles, residences, proposals, cosigns, posts, referrals, media] = await Promise.all([
    db.selectFrom('users').select(['id', 'real_name', 'phone', 'created_at', 'privacy_accepted_at']).where('id', '=', userId).executeTakeFirstOrThrow(),
    db.selectFrom('role_grants').innerJoin('units', 'units.id', 'role_grants.unit_id').select(['role_grants.role', 'units.name as unit', 'role_grants.created_at']).where('user_id', '=', userId).execute(),
    db
      .selectFrom('residences')
      .innerJoin('units', 'units.id', 'residences.building_id')
      .select(['units.name as building', 'residences.room', 'residences.status', 'residences.reason', 'residences.requested_at', 'residences.reviewed_at'])
      .where('residences.user_id', '=', userId)
      .orderBy('residences.id')
      .execute(),
    db.selectFrom('proposals').select(['id', 'title', 'body', 'category', 'state', 'photos', 'created_at', 'updated_at']).where('author_id', '=', userId).orderBy('id').execute(),
    db
      .selectFrom('proposal_cosigns')
      .innerJoin('proposals', 'proposals.id', 'proposal_cosigns.proposal_id')
      .select(['proposals.id', 'proposals.title', 'proposal_cosigns.created_at'])
      .where('proposal_cosigns.signer_key', '=', ownSignerKey(userId))
      .orderBy('proposal_cosigns.created_at')
      .execute(),
    db.selectFrom('posts').select(['id', 'topic_id', 'parent_id', 'body', 'photos', 'status', 'created_at', 'edited_at']).where('author_id', '=', userId).orderBy('id').execute(),
    db.selectFrom('referral_events').select(['proposal_id', 'kind', 'text', 'photos', 'created_at']).where('actor_id', '=', userId).orderBy('id').execute(),
    db.selectFrom('media').select(['id', 'storage_key', 'mime', 'status', 'created_at']).where('uploader_id', '=', userId).orderBy('id').execute(),
  ])
  const withPhotos = <T extends { photos: string }>(r: T) => ({ ...r, photos: parsePhotoIds(r.photos) })
  return {
    sections: {
      account: { id: user.id, realName: user.real_name, phone: user.phone, createdAt: user.created_at, privacyAcceptedAt: user.privacy_accepted_at, roles, exportedAt: now.toISOString() },
      residence: residences,
      proposals: proposals.map(withPhotos),
      // Another resident's proposal: its title as everyone reads it, nothing of its author.
      cosigns: cosigns.map((c) => ({ proposalId: c.id, title: maskPersonalInfo(c.title), cosignedAt: c.created_at })),
      posts: posts.map(withPhotos),
      referrals: referrals.map(withPhotos),
    },
    files: media.map((m) => ({ key: m.storage_key, name: `photos/${m.id}.${m.storage_key.split('.').pop()}` })),
  }
}
