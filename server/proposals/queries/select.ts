// The proposal rows every read starts from, and which of them a caller may see in lists.
import type { ExpressionBuilder } from 'kysely'
import type { Database } from '../../db/schema'
import type { Q } from '../context'
import type { Viewer } from '../policy'

type DB = Database & { p: Database['proposals']; u: Database['units']; ab: Database['units']; nb: Database['units'] }

/**
 * Rows the viewer may see in lists: proposals of their own 居民区 and of the 居民区 / 街镇 they serve; of
 * those, what is published, their own, and (as committee) everything. Written as "scope AND shown" so a
 * resident's list walks the 居民区's index. (Authors see their own anywhere through 我的提案 and the detail.)
 */
export function visibleTo(v: Viewer) {
  const staff = v.grantUnitIds
  const nbs = [...new Set([...(v.neighbourhoodId === null ? [] : [v.neighbourhoodId]), ...staff])]
  return (eb: ExpressionBuilder<DB, 'p'>) => {
    const scope = [eb('p.neighbourhood_id', 'in', nbs.length > 0 ? nbs : [0])]
    const shown = [eb('p.content_status', '=', 'visible'), eb('p.author_id', '=', v.userId)]
    if (staff.length > 0) {
      scope.push(eb('p.street_id', 'in', staff))
      shown.push(eb('p.neighbourhood_id', 'in', staff), eb('p.street_id', 'in', staff))
    }
    return eb.and([eb.or(scope), eb.or(shown)])
  }
}

export function listQuery(db: Q) {
  return db
    .selectFrom('proposals as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('units as ab', 'ab.id', 'p.author_building_id')
    .innerJoin('units as nb', 'nb.id', 'p.neighbourhood_id')
    .select([
      'p.id',
      'p.title',
      'p.category',
      'p.level',
      'p.unit_id',
      'u.name as unit_name',
      'p.building_id',
      'p.estate_id',
      'p.neighbourhood_id',
      'p.street_id',
      'p.state',
      'p.cosign_count',
      'p.threshold',
      'p.deadline_at',
      'p.author_id',
      'p.entered_by',
      'p.hide_building',
      'ab.name as author_building_name',
      'nb.name as neighbourhood_name',
      'p.content_status',
      'p.photos',
      'p.vote_closes_at',
      'p.created_at',
      'p.updated_at',
    ])
}

export type ListRow = Awaited<ReturnType<ReturnType<typeof listQuery>['executeTakeFirstOrThrow']>>

export function detailQuery(db: Q) {
  return listQuery(db).select([
    'p.body',
    'p.staff_note',
    'p.merged_into',
    'p.referred_to',
    'p.referral_answer',
    'p.referral_answered_at',
    'p.referral_accepted_at',
    'p.referral_answered_by',
    'p.vote_for',
    'p.vote_against',
    'p.vote_abstain',
    'p.vote_eligible',
    'p.vote_passed',
    'p.decided_offline',
    'p.impl_owner',
    'p.impl_planned_date',
    'p.budget_planned_fen',
    'p.budget_spent_fen',
    'p.progress_percent',
    'p.topic_id',
    'p.state_entered_at',
  ])
}

export type DetailRow = Awaited<ReturnType<ReturnType<typeof detailQuery>['executeTakeFirstOrThrow']>>
