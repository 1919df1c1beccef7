import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type, type TLiteral } from '@sinclair/typebox'
import type { FastifyInstance } from 'fastify'
import type {
  CosignResult,
  EvaluationSummary,
  FollowResult,
  ProgressComment,
  ProgressUpdate,
  ProposalDetail,
  ProposalHome,
  ProposalMeeting,
  ProposalPage,
  ProposalQueue,
  ProposalSettings,
  ProposalState,
  ProposalVote,
  SimilarProposal,
  VoteChoice,
} from '../../types'
import { PROPOSAL_CATEGORIES, PROPOSAL_STATE_NAMES, PROPOSAL_STATES, UNIT_LEVEL_NAMES } from '../../types'
import { can } from '../accounts'
import { normaliseRoom } from '../accounts'
import { checkContent } from '../content'
import { maskPersonalInfo } from '../content'
import { requireUser } from '../accounts'
import { badInput, conflict, forbidden, notFound } from '../core/errors'
import type { Trx } from '../core/db'
import { inBackground, write } from '../core/write'
import { enforceLimit } from '../core/rate-limit'
import { logModeration } from '../core/audit'
import { deliverPushes } from '../notifications'
import { addCosign, applyTransition, loadRow, notifyAudience, removeCosign, type Env, type Signer, type Tally } from './process'
import {
  checkTransition,
  cosignThreshold,
  deadlineFor,
  invalidPlannedDate,
  invalidSetting,
  invalidVoteClose,
  OPEN_STATES,
  titleSimilarity,
  toFen,
  toYuan,
  type SettingsValues,
  type TransitionFields,
} from './rules'
import { loadSettings, saveSettings } from './settings'
import { chainOf, householdOf, householdsIn, proposalUnit, type ProposalUnit } from './units'
import {
  detailQuery,
  hasReadScope,
  listProposals,
  listQuery,
  listRows,
  loadDetail,
  rolesOn,
  tallyVote,
  toItems,
  viewerOf,
  visibleTo,
  type DetailRow,
  type Viewer,
} from './views'

const Id = Type.Integer({ minimum: 1 })
const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)) as TLiteral<T>[])
const MAX_PHOTOS = 6
// Photo URLs or upload ids, until an upload service exists (count and length checked with a plain message).
const Photos = Type.Array(Type.String(), { maxItems: 50 })
const Room = Type.String({ minLength: 1, maxLength: 20, pattern: '^\\s*[0-9A-Za-z\\u4e00-\\u9fa5\\-－# ]+\\s*$' })
const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })
const Yuan = Type.Number({ minimum: 0, maximum: 1_000_000_000 })

const ReferTo = literals(['property', 'owners_committee', 'street'] as const)

const MISSING: Record<keyof TransitionFields, string> = {
  reason: '请填写原因，提案人会看到',
  mergeInto: '请选择要合并到的提案',
  referTo: '请选择转办对象',
  closesAt: '请填写投票截止时间',
  minutes: '请填写居民代表会议的会议纪要',
  owner: '请填写实施负责人',
  plannedDate: '请填写计划完成日期',
  budgetPlanned: '请填写预算',
}

function checkPhotos(photos: string[] | undefined): string[] {
  const list = (photos ?? []).map((p) => p.trim()).filter(Boolean)
  if (list.length > MAX_PHOTOS) throw badInput('photos', `最多上传 ${MAX_PHOTOS} 张照片`)
  if (list.some((p) => p.length > 500)) throw badInput('photos', '照片地址太长（不能超过 500 个字符）')
  return list
}

const chars = (s: string) => [...s].length

export const proposalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.db.kysely

  const viewer = (request: Parameters<typeof requireUser>[0]): Viewer => viewerOf(requireUser(request).principal)

  /** The proposal if the caller may read it: 404 if it doesn't exist (or is held from them), 403 outside its 居民区. */
  async function readable(v: Viewer, id: number, q: typeof db = db): Promise<DetailRow> {
    const row = await detailQuery(q).where('p.id', '=', id).executeTakeFirst()
    if (!row) throw notFound('提案')
    const roles = rolesOn(v, row)
    if (roles.length > 0) return row
    if (!can(v.principal, 'proposals.read', chainOf(row))) throw forbidden('只有本居民区的居民和居委会可以查看这条提案')
    if (row.content_status !== 'visible') throw notFound('提案')
    return row
  }

  async function detailOf(q: typeof db, v: Viewer, id: number, now: Date): Promise<ProposalDetail> {
    return loadDetail(q, v, await readable(v, id, q), now)
  }

  function requireCommittee(v: Viewer, row: DetailRow, message = '只有本居民区居委会可以进行此操作') {
    if (!can(v.principal, 'proposals.manage', chainOf(row))) throw forbidden(message)
  }

  /** Runs a write; the subscribe messages its notifications produce go out after the commit. */
  async function writeWith<T>(
    request: Parameters<typeof write>[0],
    reply: Parameters<typeof write>[1],
    work: (trx: Trx, env: Env) => Promise<T>,
    status?: number,
  ): Promise<T> {
    const env: Env = { now: app.clock(), pushes: [] }
    const result = await write(request, reply, (trx) => work(trx, env), status)
    inBackground(app as unknown as FastifyInstance, (a) => deliverPushes(a, env.pushes))
    return result
  }

  // -------------------------------------------------------------------------
  // Submit and read
  // -------------------------------------------------------------------------

  app.post(
    '/api/proposals',
    {
      schema: {
        body: Type.Object(
          {
            title: Type.String({ minLength: 5, maxLength: 40 }),
            body: Type.String({ minLength: 1, maxLength: 2000 }),
            category: literals(PROPOSAL_CATEGORIES),
            level: Type.Optional(literals(['building', 'estate', 'neighbourhood'] as const)),
            unitId: Type.Optional(Id),
            photos: Type.Optional(Photos),
            hideBuilding: Type.Optional(Type.Boolean()),
            /** 代录: a committee member enters it for a resident who came in person. */
            onBehalfOf: Type.Optional(
              Type.Object({ buildingId: Id, note: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }),
            ),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { principal } = requireUser(request)
      const v = viewerOf(principal)
      const b = request.body
      const title = b.title.trim()
      const body = b.body.trim()
      if (chars(title) < 5) throw badInput('title', '标题至少需要 5 个字')
      if (!body) throw badInput('body', '请填写内容')
      const photos = checkPhotos(b.photos)

      // The chain the proposal's unit is chosen from: the resident's own, or (代录) the resident's building's.
      let home: number[]
      let authorBuildingId: number
      if (b.onBehalfOf) {
        const building = await proposalUnit(db, b.onBehalfOf.buildingId)
        if (!building || building.level !== 'building') throw badInput('buildingId', '请选择居民所在的楼组')
        if (!can(principal, 'proposals.manage', building.chain)) throw forbidden('只有本居民区居委会可以代录提案')
        home = building.chain
        authorBuildingId = building.id
      } else {
        if (!principal.residence) throw forbidden('完成居住地认证后才能提交提案')
        home = principal.residence.chain
        authorBuildingId = principal.residence.buildingId
      }
      const levelIndex = { building: 0, estate: 1, neighbourhood: 2 } as const
      const unitId = b.unitId ?? home[levelIndex[b.level ?? 'building']]
      if (!home.slice(0, 3).includes(unitId)) throw forbidden('只能在自己所在的楼组、小区或居民区提交提案')
      const unit = await proposalUnit(db, unitId)
      if (!unit) throw badInput('unitId', '请选择提案所属的楼组、小区或居民区')
      if (b.level && unit.level !== b.level) throw badInput('level', `所选范围是${UNIT_LEVEL_NAMES[unit.level]}，与层级不一致`)
      if (!b.onBehalfOf && !can(principal, 'proposals.participate', unit.chain)) throw forbidden('完成居住地认证后才能提交提案')
      if (!b.onBehalfOf) await enforceLimit(request, 'proposal', `u${principal.userId}`)

      const { verdict } = await checkContent(app, { texts: [title, body], userId: principal.userId, scene: 3 })
      const settings = await loadSettings(db, unit.neighbourhoodId)
      const threshold = cosignThreshold(await householdsIn(db, unit), settings)

      return writeWith(
        request,
        reply,
        async (trx, env) => {
          const iso = env.now.toISOString()
          const deadline = deadlineFor({ state: 'submitted', stateEnteredAt: env.now }, settings)
          const { id } = await trx
            .insertInto('proposals')
            .values({
              title,
              body,
              category: b.category,
              level: unit.level,
              unit_id: unit.id,
              building_id: unit.buildingId,
              estate_id: unit.estateId,
              neighbourhood_id: unit.neighbourhoodId,
              street_id: unit.streetId,
              photos: JSON.stringify(photos),
              author_id: b.onBehalfOf ? null : principal.userId,
              author_building_id: authorBuildingId,
              hide_building: b.hideBuilding ? 1 : 0,
              entered_by: b.onBehalfOf ? principal.userId : null,
              staff_note: b.onBehalfOf?.note?.trim() || null,
              state: 'submitted',
              state_entered_at: iso,
              deadline_at: deadline ? deadline.toISOString() : null,
              overdue_notified_at: null,
              threshold,
              cosign_count: 0,
              content_status: verdict === 'pass' ? 'visible' : 'pending_review',
              decided_offline: 0,
              created_at: iso,
              updated_at: iso,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          await trx
            .insertInto('proposal_transitions')
            .values({
              proposal_id: id,
              from_state: null,
              to_state: 'submitted',
              actor_id: principal.userId,
              actor_role: b.onBehalfOf ? 'committee' : 'author',
              reason: null,
              details: b.onBehalfOf ? JSON.stringify({ enteredByStaff: true }) : null,
              created_at: iso,
            })
            .execute()
          if (b.onBehalfOf) {
            await logModeration(trx, {
              actorId: principal.userId,
              action: 'proposal.proxy_submit',
              targetType: 'proposal',
              targetId: id,
              unitId: unit.neighbourhoodId,
              reason: null,
            })
          }
          return detailOf(trx, v, id, env.now)
        },
        201,
      )
    },
  )

  app.get(
    '/api/proposals',
    {
      schema: {
        querystring: Type.Object({
          state: Type.Optional(Type.String({ maxLength: 200 })),
          category: Type.Optional(literals(PROPOSAL_CATEGORIES)),
          unitId: Type.Optional(Id),
          sort: Type.Optional(literals(['newest', 'cosigns'] as const)),
          mine: Type.Optional(literals(['1', '0'] as const)),
          overdue: Type.Optional(literals(['1', '0'] as const)),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
        }),
      },
    },
    async (request): Promise<ProposalPage> => {
      const v = viewer(request)
      const q = request.query
      if (!hasReadScope(v) && q.mine !== '1') throw forbidden('完成居住地认证后可以查看本居民区的提案')
      const states = q.state ? q.state.split(',').map((s) => s.trim()) : undefined
      const unknown = states?.find((s) => !PROPOSAL_STATES.includes(s as ProposalState))
      if (unknown !== undefined) throw badInput('state', `没有「${unknown}」这个状态`)
      let within: { id: number; level: 'street' | 'neighbourhood' | 'estate' | 'building' } | undefined
      if (q.unitId) {
        const unit = await db.selectFrom('units').select(['id', 'level']).where('id', '=', q.unitId).executeTakeFirst()
        if (!unit) throw badInput('unitId', '没有这个楼组、小区或居民区')
        within = unit
      }
      return listProposals(
        db,
        v,
        {
          states: states as ProposalState[] | undefined,
          category: q.category,
          within,
          mine: q.mine === '1',
          overdue: q.overdue === '1',
          sort: q.sort ?? 'newest',
          cursor: q.cursor,
          limit: q.limit ?? 20,
        },
        app.clock(),
      )
    },
  )

  /** 首页: what needs the resident now, in their 楼组, 小区 and 居民区. */
  app.get('/api/proposals/home', async (request): Promise<ProposalHome> => {
    const v = viewer(request)
    const now = app.clock()
    const unitIds = v.principal.residence?.chain.slice(0, 3)
    if (!unitIds) return { openVotes: [], nearThreshold: [], toEvaluate: [], overdue: [] }
    const base = { unitIds, sort: 'newest' as const, limit: 5 }
    const [votes, nearThreshold, toEvaluate, overdue, household] = await Promise.all([
      listRows(db, v, { ...base, states: ['voting'], limit: 10 }, now),
      listRows(db, v, { ...base, nearThreshold: true, sort: 'cosigns' }, now),
      listRows(db, v, { ...base, toEvaluate: true }, now),
      listRows(db, v, { ...base, overdue: true }, now),
      householdOf(db, v.userId),
    ])
    // One pass of the caller's marks over all four lists, and one read of their household's votes.
    const items = new Map(
      (await toItems(db, v, [...votes.rows, ...nearThreshold.rows, ...toEvaluate.rows, ...overdue.rows], now)).map((i) => [i.id, i]),
    )
    const voted = new Set<number>()
    if (household && votes.rows.length > 0) {
      const rows = await db
        .selectFrom('proposal_votes')
        .select('proposal_id')
        .where(
          'proposal_id',
          'in',
          votes.rows.map((r) => r.id),
        )
        .where('building_id', '=', household.buildingId)
        .where('room', '=', household.room)
        .execute()
      for (const r of rows) voted.add(r.proposal_id)
    }
    const of = (list: { rows: { id: number }[] }) => list.rows.map((r) => items.get(r.id)!)
    return {
      openVotes: of(votes).map((i) => ({ ...i, householdVoted: voted.has(i.id) })),
      nearThreshold: of(nearThreshold),
      toEvaluate: of(toEvaluate),
      overdue: of(overdue),
    }
  })

  /** The committee's queue: to screen, overdue, votes past their closing time, content held for review. */
  app.get('/api/proposals/queue', { schema: { querystring: Type.Object({ unitId: Type.Optional(Id) }) } }, async (request): Promise<ProposalQueue> => {
    const v = viewer(request)
    if (v.grantUnitIds.length === 0) throw forbidden('只有居委会成员可以查看审核队列')
    let scope = v.grantUnitIds
    if (request.query.unitId) {
      const unit = await proposalUnit(db, request.query.unitId)
      if (!unit || unit.level !== 'neighbourhood') throw badInput('unitId', '请选择居民区')
      if (!can(v.principal, 'proposals.manage', unit.chain)) throw forbidden('您只能查看本居民区的审核队列')
      scope = [unit.id]
    }
    const now = app.clock()
    const base = { committeeScope: scope, sort: 'newest' as const, limit: 50 }
    const [screening, overdue, votesToClose, pendingReview] = await Promise.all([
      listProposals(db, v, { ...base, states: ['screening'] }, now),
      listProposals(db, v, { ...base, overdue: true }, now),
      listProposals(db, v, { ...base, votesDue: true }, now),
      listProposals(db, v, { ...base, pendingReview: true }, now),
    ])
    return { screening: screening.items, overdue: overdue.items, votesToClose: votesToClose.items, pendingReview: pendingReview.items }
  })

  /** "是否附议已有提案？": open proposals in the unit (or above it) with a similar title. */
  app.get(
    '/api/proposals/similar',
    { schema: { querystring: Type.Object({ title: Type.String({ minLength: 2, maxLength: 40 }), unitId: Type.Optional(Id) }) } },
    async (request): Promise<{ items: SimilarProposal[] }> => {
      const v = viewer(request)
      const unitId = request.query.unitId ?? v.principal.residence?.buildingId
      if (!unitId) throw forbidden('完成居住地认证后可以查看本居民区的提案')
      const unit = await proposalUnit(db, unitId)
      if (!unit) throw badInput('unitId', '没有这个楼组、小区或居民区')
      if (!can(v.principal, 'proposals.read', unit.chain)) throw forbidden('只有本居民区的居民和居委会可以查看这些提案')
      const rows = await listQuery(db)
        .where(visibleTo(v))
        .where('p.unit_id', 'in', unit.chain.slice(0, unit.chain.length - (unit.streetId === null ? 0 : 1)))
        .where('p.state', 'in', OPEN_STATES)
        .orderBy('p.id', 'desc')
        .limit(500)
        .execute()
      const items = rows
        .map((r) => ({ r, score: titleSimilarity(request.query.title, r.title) }))
        .filter((x) => x.score >= 0.3)
        .sort((a, b) => b.score - a.score || b.r.id - a.r.id)
        .slice(0, 5)
        .map(({ r }) => ({ id: r.id, title: maskPersonalInfo(r.title), state: r.state as ProposalState, cosignCount: r.cosign_count, threshold: r.threshold }))
      return { items }
    },
  )

  // -------------------------------------------------------------------------
  // Settings per 居民区
  // -------------------------------------------------------------------------

  async function settingsUnit(v: Viewer, unitId: number | undefined): Promise<ProposalUnit> {
    const id = unitId ?? v.principal.grants.find(() => true)?.unitId
    if (!id) throw forbidden('只有居委会成员可以查看提案设置')
    const unit = await proposalUnit(db, id)
    if (!unit || unit.level !== 'neighbourhood') throw badInput('unitId', '请选择居民区')
    if (!can(v.principal, 'proposals.manage', unit.chain)) throw forbidden('只有本居民区居委会可以查看和修改提案设置')
    return unit
  }

  app.get('/api/proposals/settings', { schema: { querystring: Type.Object({ unitId: Type.Optional(Id) }) } }, async (request): Promise<ProposalSettings> => {
    const unit = await settingsUnit(viewer(request), request.query.unitId)
    return loadSettings(db, unit.id)
  })

  const Percent = Type.Number({ minimum: 0, maximum: 100 })
  const Days = Type.Integer({ minimum: 1, maximum: 365 })
  app.put(
    '/api/proposals/settings',
    {
      schema: {
        querystring: Type.Object({ unitId: Type.Optional(Id) }),
        body: Type.Object(
          {
            cosignMinCount: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
            cosignSharePercent: Type.Optional(Percent),
            cosignDays: Type.Optional(Days),
            screeningDays: Type.Optional(Days),
            acceptedDays: Type.Optional(Days),
            deliberatingDays: Type.Optional(Days),
            votingDays: Type.Optional(Days),
            approvedDays: Type.Optional(Days),
            referredDays: Type.Optional(Days),
            evaluationDays: Type.Optional(Days),
            voteTurnoutPercent: Type.Optional(Percent),
            voteMajorityPercent: Type.Optional(Percent),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply): Promise<ProposalSettings> => {
      const v = viewer(request)
      const unit = await settingsUnit(v, request.query.unitId)
      const bad = invalidSetting(request.body)
      if (bad) throw badInput(bad.field, bad.message)
      return writeWith(request, reply, async (trx, env) => {
        const { neighbourhoodId: _n, isDefault: _d, ...current } = await loadSettings(trx, unit.id)
        const next: SettingsValues = { ...current, ...request.body }
        await saveSettings(trx, unit.id, next, v.userId, env.now)
        await rederiveDeadlines(trx, unit.id, next, env.now)
        await logModeration(trx, {
          actorId: v.userId,
          action: 'proposal.settings',
          targetType: 'unit',
          targetId: unit.id,
          unitId: unit.id,
          reason: JSON.stringify(request.body),
        })
        return loadSettings(trx, unit.id)
      })
    },
  )

  /** New time limits apply to proposals already under way (thresholds stay as they were when submitted). */
  async function rederiveDeadlines(trx: Trx, neighbourhoodId: number, s: SettingsValues, now: Date): Promise<void> {
    const rows = await trx
      .selectFrom('proposals')
      .select(['id', 'state', 'state_entered_at', 'vote_closes_at', 'impl_planned_date', 'referral_answered_at', 'deadline_at'])
      .where('neighbourhood_id', '=', neighbourhoodId)
      .where('state', 'in', ['submitted', 'screening', 'accepted', 'deliberating', 'approved', 'completed', 'referred'])
      .execute()
    for (const r of rows) {
      const d = deadlineFor(
        {
          state: r.state as ProposalState,
          stateEnteredAt: new Date(r.state_entered_at),
          voteClosesAt: r.vote_closes_at ? new Date(r.vote_closes_at) : null,
          plannedDate: r.impl_planned_date,
          referralAnswered: r.referral_answered_at !== null,
        },
        s,
      )
      const iso = d ? d.toISOString() : null
      if (iso === r.deadline_at) continue
      await trx
        .updateTable('proposals')
        .set({ deadline_at: iso, ...(iso === null || iso > now.toISOString() ? { overdue_notified_at: null } : {}) })
        .where('id', '=', r.id)
        .execute()
    }
  }

  // -------------------------------------------------------------------------
  // One proposal
  // -------------------------------------------------------------------------

  const Params = Type.Object({ id: Id })

  app.get('/api/proposals/:id', { schema: { params: Params } }, async (request): Promise<ProposalDetail> => {
    return detailOf(db, viewer(request), request.params.id, app.clock())
  })

  async function cosignResult(trx: Trx, id: number, key: string): Promise<CosignResult> {
    const [p, mine] = await Promise.all([
      trx.selectFrom('proposals').select(['cosign_count', 'threshold', 'state']).where('id', '=', id).executeTakeFirstOrThrow(),
      trx.selectFrom('proposal_cosigns').select('id').where('proposal_id', '=', id).where('signer_key', '=', key).executeTakeFirst(),
    ])
    return { cosigned: mine !== undefined, cosignCount: p.cosign_count, threshold: p.threshold, state: p.state as ProposalState }
  }

  function requireCollecting(row: Pick<DetailRow, 'state' | 'content_status'>) {
    if (row.state !== 'submitted') {
      throw conflict('not_collecting', `提案当前为「${PROPOSAL_STATE_NAMES[row.state as ProposalState]}」，不在征集附议阶段`, { state: row.state })
    }
    if (row.content_status !== 'visible') throw conflict('not_published', '提案内容正在审核，暂不能附议')
  }

  app.post(
    '/api/proposals/:id/cosign',
    {
      schema: {
        params: Params,
        // No body (or null) is a resident's own co-signature.
        body: Type.Union([
          Type.Object(
            {
              /** 代录: a co-signature a committee member records for a resident who came in person. */
              onBehalfOf: Type.Optional(
                Type.Object({ buildingId: Id, room: Room, name: Type.Optional(Type.String({ maxLength: 20 })) }, { additionalProperties: false }),
              ),
            },
            { additionalProperties: false },
          ),
          Type.Null(),
        ]),
      },
    },
    async (request, reply): Promise<CosignResult> => {
      const v = viewer(request)
      const row = await readable(v, request.params.id)
      const proxy = request.body?.onBehalfOf
      let signer: Signer
      if (proxy) {
        requireCommittee(v, row, '只有本居民区居委会可以代录附议')
        const building = await proposalUnit(db, proxy.buildingId)
        if (!building || building.level !== 'building' || !building.chain.includes(row.unit_id)) {
          throw badInput('buildingId', '代录的居民须住在提案所属的范围内')
        }
        const room = normaliseRoom(proxy.room)
        const name = (proxy.name ?? '').trim()
        signer = { key: `p:${building.id}:${room}:${name}`, userId: null, buildingId: building.id, room, enteredBy: v.userId }
      } else {
        if (!can(v.principal, 'proposals.participate', chainOf(row))) {
          throw forbidden(`只有本${UNIT_LEVEL_NAMES[row.level as 'building']}已认证的居民可以附议`)
        }
        if (row.author_id === v.userId) throw conflict('own_proposal', '不能附议自己的提案')
        signer = { key: `u:${v.userId}`, userId: v.userId, buildingId: v.principal.residence!.buildingId, room: null, enteredBy: null }
      }
      requireCollecting(row)
      const settings = await loadSettings(db, row.neighbourhood_id)
      return writeWith(request, reply, async (trx, env) => {
        const p = await loadRow(trx, row.id)
        requireCollecting(p!)
        const added = await addCosign(trx, env, p!, signer, settings)
        if (added && proxy) {
          await logModeration(trx, {
            actorId: v.userId,
            action: 'proposal.proxy_cosign',
            targetType: 'proposal',
            targetId: row.id,
            unitId: row.neighbourhood_id,
            reason: null,
          })
        }
        return cosignResult(trx, row.id, signer.key)
      })
    },
  )

  app.delete('/api/proposals/:id/cosign', { schema: { params: Params } }, async (request, reply): Promise<CosignResult> => {
    const v = viewer(request)
    const row = await readable(v, request.params.id)
    if (row.state !== 'submitted') {
      throw conflict('not_collecting', '提案已进入下一阶段，附议不能再撤回', { state: row.state })
    }
    return writeWith(request, reply, async (trx, env) => {
      const p = await loadRow(trx, row.id)
      await removeCosign(trx, env, p!, v.userId)
      return cosignResult(trx, row.id, `u:${v.userId}`)
    })
  })

  app.post(
    '/api/proposals/:id/transitions',
    {
      schema: {
        params: Params,
        body: Type.Object(
          {
            to: literals(PROPOSAL_STATES),
            reason: Type.Optional(Type.String({ maxLength: 500 })),
            mergeInto: Type.Optional(Id),
            referTo: Type.Optional(ReferTo),
            closesAt: Type.Optional(Type.String({ minLength: 10, maxLength: 40 })),
            minutes: Type.Optional(Type.String({ minLength: 2, maxLength: 5000 })),
            owner: Type.Optional(Type.String({ minLength: 2, maxLength: 50 })),
            plannedDate: Type.Optional(DateString),
            budgetPlanned: Type.Optional(Yuan),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply): Promise<ProposalDetail> => {
      const v = viewer(request)
      const row = await readable(v, request.params.id)
      const roles = rolesOn(v, row)
      if (roles.length === 0) throw forbidden('只有提案人和本居民区居委会可以变更提案状态')
      const { to, ...fields } = request.body
      const from = row.state as ProposalState
      const now = app.clock()
      const settings = await loadSettings(db, row.neighbourhood_id)

      let tally: Tally | undefined
      const voteClosed = from === 'voting' && row.vote_closes_at !== null && row.vote_closes_at <= now.toISOString()
      if (voteClosed) tally = await tallyVote(db, row, settings)
      const voteOutcome: 'approved' | 'declined' | null = tally ? (tally.passed ? 'approved' : 'declined') : null
      const ctx = { roles, enteredByStaff: row.entered_by !== null, voteOutcome }

      const check = checkTransition(from, to, ctx, fields)
      if (!check.ok && check.kind === 'not_allowed') {
        const details = { from, to, allowed: check.allowed }
        if (from === 'voting' && (to === 'approved' || to === 'declined') && roles.includes('committee')) {
          if (!tally) throw conflict('vote_open', '投票尚未截止，截止后才能公布结果', details)
          throw conflict('vote_outcome', `投票结果为「${PROPOSAL_STATE_NAMES[ctx.voteOutcome!]}」`, { ...details, tally })
        }
        throw conflict(
          'transition_not_allowed',
          `提案当前为「${PROPOSAL_STATE_NAMES[from]}」，您不能将它改为「${PROPOSAL_STATE_NAMES[to]}」`,
          details,
        )
      }
      if (!check.ok && check.kind === 'missing') throw badInput(check.field, MISSING[check.field])

      if (to === 'voting' && fields.closesAt) {
        const bad = invalidVoteClose(new Date(fields.closesAt), now)
        if (bad) throw badInput('closesAt', bad)
      }
      if (to === 'implementing') {
        const bad = invalidPlannedDate(fields.plannedDate!, now)
        if (bad) throw badInput('plannedDate', bad)
      }
      if (to === 'merged') {
        const target = await db
          .selectFrom('proposals')
          .select(['id', 'neighbourhood_id', 'state', 'content_status'])
          .where('id', '=', fields.mergeInto!)
          .executeTakeFirst()
        if (
          !target ||
          target.id === row.id ||
          target.neighbourhood_id !== row.neighbourhood_id ||
          !OPEN_STATES.includes(target.state as ProposalState) ||
          target.content_status !== 'visible'
        ) {
          throw badInput('mergeInto', '只能合并到本居民区仍在进行中的另一条提案')
        }
      }

      const actorRole = to === 'withdrawn' && roles.includes('author') ? 'author' : 'committee'
      return writeWith(request, reply, async (trx, env) => {
        const p = await loadRow(trx, row.id)
        if (!p || p.state !== from) throw conflict('state_changed', '提案状态刚刚发生了变化，请刷新后重试')
        await applyTransition(trx, env, p, to, { userId: v.userId, role: actorRole }, fields, settings, { tally })
        if (actorRole === 'committee') {
          await logModeration(trx, {
            actorId: v.userId,
            action: `proposal.${to}`,
            targetType: 'proposal',
            targetId: row.id,
            unitId: row.neighbourhood_id,
            reason: fields.reason?.trim() || null,
          })
        }
        return detailOf(trx, v, row.id, env.now)
      })
    },
  )

  /** Content held by the check: the committee publishes it, or hides a proposal with a reason. */
  app.post(
    '/api/proposals/:id/review',
    {
      schema: {
        params: Params,
        body: Type.Object(
          { decision: literals(['publish', 'hide'] as const), reason: Type.Optional(Type.String({ minLength: 2, maxLength: 500 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply): Promise<ProposalDetail> => {
      const v = viewer(request)
      const row = await readable(v, request.params.id)
      requireCommittee(v, row)
      const { decision, reason } = request.body
      if (decision === 'hide' && !reason) throw badInput('reason', '请填写隐藏的原因，提案人会看到')
      if (decision === 'publish' && row.content_status === 'visible') throw conflict('already_published', '这条提案已经公开')
      const settings = await loadSettings(db, row.neighbourhood_id)
      return writeWith(request, reply, async (trx, env) => {
        const p = (await loadRow(trx, row.id))!
        const iso = env.now.toISOString()
        if (decision === 'publish') {
          // The co-signing period starts when residents can see it.
          const restart = p.state === 'submitted'
          const deadline = restart ? deadlineFor({ state: 'submitted', stateEnteredAt: env.now }, settings) : null
          await trx
            .updateTable('proposals')
            .set({ content_status: 'visible', updated_at: iso, ...(restart ? { state_entered_at: iso, deadline_at: deadline!.toISOString() } : {}) })
            .where('id', '=', p.id)
            .execute()
          await notifyAudience(trx, env, p, 'proposal.published', '提案已通过内容审核，居民现在可以看到并附议', { except: v.userId, status: '已公开' })
        } else {
          await trx.updateTable('proposals').set({ content_status: 'hidden', updated_at: iso }).where('id', '=', p.id).execute()
          await notifyAudience(trx, env, p, 'proposal.hidden', `提案已被居委会隐藏：${reason}`, { except: v.userId, status: '已隐藏' })
        }
        await logModeration(trx, {
          actorId: v.userId,
          action: decision === 'publish' ? 'proposal.publish' : 'proposal.hide',
          targetType: 'proposal',
          targetId: p.id,
          unitId: p.neighbourhood_id,
          reason: reason ?? null,
        })
        return detailOf(trx, v, p.id, env.now)
      })
    },
  )

  // -------------------------------------------------------------------------
  // Deliberation: 三会 meetings; referral answers
  // -------------------------------------------------------------------------

  const MEETING_STATES: ProposalState[] = ['accepted', 'deliberating', 'voting', 'approved', 'declined', 'implementing', 'completed']

  app.post(
    '/api/proposals/:id/meetings',
    {
      schema: {
        params: Params,
        body: Type.Object(
          {
            kind: literals(['hearing', 'coordination', 'evaluation', 'representatives'] as const),
            heldOn: DateString,
            place: Type.String({ minLength: 1, maxLength: 100 }),
            attendance: Type.Integer({ minimum: 0, maximum: 100_000 }),
            minutes: Type.String({ minLength: 2, maxLength: 5000 }),
            decisions: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply): Promise<ProposalMeeting> => {
      const v = viewer(request)
      const row = await readable(v, request.params.id)
      requireCommittee(v, row)
      const state = row.state as ProposalState
      if (!MEETING_STATES.includes(state)) {
        throw conflict('no_meetings_now', `提案当前为「${PROPOSAL_STATE_NAMES[state]}」，立项后才能记录会议`, { state })
      }
      const b = request.body
      const bad = invalidPlannedDate(b.heldOn, new Date(0))
      if (bad) throw badInput('heldOn', '会议日期不正确')
      const KIND_NAMES = { hearing: '听证会', coordination: '协调会', evaluation: '评议会', representatives: '居民代表会议' }
      return writeWith(
        request,
        reply,
        async (trx, env) => {
          const iso = env.now.toISOString()
          const m = await trx
            .insertInto('proposal_meetings')
            .values({
              proposal_id: row.id,
              kind: b.kind,
              held_on: b.heldOn,
              place: b.place.trim(),
              attendance: b.attendance,
              minutes: b.minutes.trim(),
              decisions: b.decisions?.trim() || null,
              created_by: v.userId,
              created_at: iso,
            })
            .returningAll()
            .executeTakeFirstOrThrow()
          await trx.updateTable('proposals').set({ updated_at: iso }).where('id', '=', row.id).execute()
          const p = (await loadRow(trx, row.id))!
          await notifyAudience(trx, env, p, 'proposal.meeting', `居委会记录了${KIND_NAMES[b.kind]}（${b.heldOn}，${b.attendance} 人参加）`, {
            except: v.userId,
            status: '会议记录',
          })
          await logModeration(trx, {
            actorId: v.userId,
            action: 'proposal.meeting',
            targetType: 'proposal',
            targetId: row.id,
            unitId: row.neighbourhood_id,
            reason: null,
          })
          return {
            id: m.id,
            kind: m.kind,
            heldOn: m.held_on,
            place: m.place,
            attendance: m.attendance,
            minutes: m.minutes,
            decisions: m.decisions,
            createdAt: m.created_at,
          }
        },
        201,
      )
    },
  )

  app.post(
    '/api/proposals/:id/referral',
    {
      schema: { params: Params, body: Type.Object({ answer: Type.String({ minLength: 2, maxLength: 2000 }) }, { additionalProperties: false }) },
    },
    async (request, reply): Promise<ProposalDetail> => {
      const v = viewer(request)
      const row = await readable(v, request.params.id)
      requireCommittee(v, row)
      if (row.state !== 'referred') throw conflict('not_referred', '这条提案没有转办', { state: row.state })
      return writeWith(request, reply, async (trx, env) => {
        const iso = env.now.toISOString()
        await trx
          .updateTable('proposals')
          .set({ referral_answer: request.body.answer.trim(), referral_answered_at: iso, deadline_at: null, overdue_notified_at: null, updated_at: iso })
          .where('id', '=', row.id)
          .execute()
        const p = (await loadRow(trx, row.id))!
        await notifyAudience(trx, env, p, 'proposal.referral_answer', `转办已有答复：${maskPersonalInfo(request.body.answer.trim())}`, {
          except: v.userId,
          status: '已答复',
        })
        await logModeration(trx, {
          actorId: v.userId,
          action: 'proposal.referral_answer',
          targetType: 'proposal',
          targetId: row.id,
          unitId: row.neighbourhood_id,
          reason: null,
        })
        return detailOf(trx, v, row.id, env.now)
      })
    },
  )

  // -------------------------------------------------------------------------
  // The household vote
  // -------------------------------------------------------------------------

  app.post(
    '/api/proposals/:id/vote',
    { schema: { params: Params, body: Type.Object({ choice: literals(['for', 'against', 'abstain'] as const) }, { additionalProperties: false }) } },
    async (request, reply): Promise<ProposalVote> => {
      const v = viewer(request)
      const row = await readable(v, request.params.id)
      if (!can(v.principal, 'proposals.participate', chainOf(row))) {
        throw forbidden(`只有本${UNIT_LEVEL_NAMES[row.level as 'building']}已认证的住户可以投票`)
      }
      const now = app.clock()
      if (row.state !== 'voting') throw conflict('not_voting', `提案当前为「${PROPOSAL_STATE_NAMES[row.state as ProposalState]}」，不在投票阶段`, { state: row.state })
      if (row.vote_closes_at !== null && row.vote_closes_at <= now.toISOString()) throw conflict('vote_closed', '投票已经截止')
      const household = await householdOf(db, v.userId)
      if (!household) throw forbidden('完成居住地认证后才能投票')
      const choice = request.body.choice
      return writeWith(request, reply, async (trx, env) => {
        const iso = env.now.toISOString()
        // One vote per household: the first member to vote casts it; only they may change it.
        await trx
          .insertInto('proposal_votes')
          .values({ proposal_id: row.id, building_id: household.buildingId, room: household.room, user_id: v.userId, choice, created_at: iso, updated_at: iso })
          .onConflict((oc) => oc.columns(['proposal_id', 'building_id', 'room']).doNothing())
          .execute()
        const ballot = await trx
          .selectFrom('proposal_votes')
          .select(['user_id', 'choice'])
          .where('proposal_id', '=', row.id)
          .where('building_id', '=', household.buildingId)
          .where('room', '=', household.room)
          .executeTakeFirstOrThrow()
        if (ballot.user_id !== v.userId) throw conflict('household_voted', '您家已由另一位家庭成员投票（每户一票）')
        if (ballot.choice !== choice) {
          await trx
            .updateTable('proposal_votes')
            .set({ choice, updated_at: iso })
            .where('proposal_id', '=', row.id)
            .where('building_id', '=', household.buildingId)
            .where('room', '=', household.room)
            .execute()
        }
        return {
          closesAt: row.vote_closes_at,
          household: { choice: choice as VoteChoice, castByMe: true },
          canVote: true,
          result: null,
          decidedOffline: false,
        }
      })
    },
  )

  // -------------------------------------------------------------------------
  // Implementation: progress updates and residents' comments on them (过程监督)
  // -------------------------------------------------------------------------

  app.post(
    '/api/proposals/:id/progress',
    {
      schema: {
        params: Params,
        body: Type.Object(
          {
            percent: Type.Integer({ minimum: 0, maximum: 100 }),
            text: Type.String({ minLength: 2, maxLength: 2000 }),
            photos: Type.Optional(Photos),
            budgetSpent: Type.Optional(Yuan),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply): Promise<ProgressUpdate> => {
      const v = viewer(request)
      const row = await readable(v, request.params.id)
      requireCommittee(v, row)
      if (row.state !== 'implementing') {
        throw conflict('not_implementing', `提案当前为「${PROPOSAL_STATE_NAMES[row.state as ProposalState]}」，实施阶段才能更新进展`, { state: row.state })
      }
      const b = request.body
      const photos = checkPhotos(b.photos)
      return writeWith(
        request,
        reply,
        async (trx, env) => {
          const iso = env.now.toISOString()
          const spent = b.budgetSpent === undefined ? null : toFen(b.budgetSpent)
          const pu = await trx
            .insertInto('proposal_progress')
            .values({ proposal_id: row.id, percent: b.percent, text: b.text.trim(), photos: JSON.stringify(photos), budget_spent_fen: spent, created_by: v.userId, created_at: iso })
            .returningAll()
            .executeTakeFirstOrThrow()
          await trx
            .updateTable('proposals')
            .set({ progress_percent: b.percent, updated_at: iso, ...(spent === null ? {} : { budget_spent_fen: spent }) })
            .where('id', '=', row.id)
            .execute()
          const p = (await loadRow(trx, row.id))!
          await notifyAudience(trx, env, p, 'proposal.progress', `实施进展 ${b.percent}%：${maskPersonalInfo(b.text.trim())}`, {
            except: v.userId,
            status: '进展更新',
          })
          await logModeration(trx, {
            actorId: v.userId,
            action: 'proposal.progress',
            targetType: 'proposal',
            targetId: row.id,
            unitId: row.neighbourhood_id,
            reason: null,
          })
          return { id: pu.id, percent: pu.percent, text: pu.text, photos, budgetSpent: toYuan(pu.budget_spent_fen), createdAt: pu.created_at, comments: [] }
        },
        201,
      )
    },
  )

  app.post(
    '/api/proposals/:id/progress/:progressId/comments',
    {
      schema: {
        params: Type.Object({ id: Id, progressId: Id }),
        body: Type.Object({ body: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply): Promise<ProgressComment> => {
      const { principal, me } = requireUser(request)
      const v = viewerOf(principal)
      const row = await readable(v, request.params.id)
      const committee = can(principal, 'proposals.manage', chainOf(row))
      if (!committee && !can(principal, 'proposals.read', chainOf(row)) ) throw forbidden()
      if (!committee && !principal.residence) throw forbidden('完成居住地认证后才能评论')
      const progress = await db
        .selectFrom('proposal_progress')
        .select('id')
        .where('id', '=', request.params.progressId)
        .where('proposal_id', '=', row.id)
        .executeTakeFirst()
      if (!progress) throw notFound('进展')
      const text = request.body.body.trim()
      if (!text) throw badInput('body', '请填写评论内容')
      const { verdict } = await checkContent(app, { texts: [text], userId: principal.userId, scene: 2 })
      return writeWith(
        request,
        reply,
        async (trx, env) => {
          const c = await trx
            .insertInto('proposal_progress_comments')
            .values({
              progress_id: progress.id,
              proposal_id: row.id,
              user_id: principal.userId,
              author_label: me.label,
              body: text,
              content_status: verdict === 'pass' ? 'visible' : 'pending_review',
              created_at: env.now.toISOString(),
            })
            .returningAll()
            .executeTakeFirstOrThrow()
          return { id: c.id, authorLabel: c.author_label, body: c.body, isMine: true, contentStatus: c.content_status, createdAt: c.created_at }
        },
        201,
      )
    },
  )

  // -------------------------------------------------------------------------
  // 成效评议
  // -------------------------------------------------------------------------

  app.post(
    '/api/proposals/:id/evaluations',
    {
      schema: {
        params: Params,
        body: Type.Object(
          { rating: Type.Integer({ minimum: 1, maximum: 5 }), comment: Type.Optional(Type.String({ maxLength: 500 })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply): Promise<EvaluationSummary> => {
      const { principal, me } = requireUser(request)
      const v = viewerOf(principal)
      const row = await readable(v, request.params.id)
      if (!can(principal, 'proposals.participate', chainOf(row))) {
        throw forbidden(`只有本${UNIT_LEVEL_NAMES[row.level as 'building']}已认证的居民可以评议`)
      }
      const now = app.clock()
      if (row.state !== 'completed' || row.deadline_at === null || row.deadline_at <= now.toISOString()) {
        throw conflict('not_evaluating', row.state === 'closed' ? '成效评议已经结束' : '提案完成后才能评议成效', { state: row.state })
      }
      const comment = request.body.comment?.trim() || null
      const verdict = comment ? (await checkContent(app, { texts: [comment], userId: principal.userId, scene: 2 })).verdict : 'pass'
      return writeWith(request, reply, async (trx, env) => {
        const iso = env.now.toISOString()
        const values = {
          rating: request.body.rating,
          comment,
          author_label: me.label,
          content_status: verdict === 'pass' ? ('visible' as const) : ('pending_review' as const),
          updated_at: iso,
        }
        await trx
          .insertInto('proposal_evaluations')
          .values({ proposal_id: row.id, user_id: principal.userId, created_at: iso, ...values })
          .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doUpdateSet(values))
          .execute()
        const detail = await detailOf(trx, v, row.id, env.now)
        return detail.evaluations!
      })
    },
  )

  // -------------------------------------------------------------------------
  // Follow
  // -------------------------------------------------------------------------

  app.post('/api/proposals/:id/follow', { schema: { params: Params } }, async (request, reply): Promise<FollowResult> => {
    const v = viewer(request)
    const row = await readable(v, request.params.id)
    return writeWith(request, reply, async (trx, env) => {
      await trx
        .insertInto('proposal_follows')
        .values({ proposal_id: row.id, user_id: v.userId, created_at: env.now.toISOString() })
        .onConflict((oc) => oc.columns(['proposal_id', 'user_id']).doNothing())
        .execute()
      return { following: true }
    })
  })

  app.delete('/api/proposals/:id/follow', { schema: { params: Params } }, async (request, reply): Promise<FollowResult> => {
    const v = viewer(request)
    const row = await readable(v, request.params.id)
    return writeWith(request, reply, async (trx) => {
      await trx.deleteFrom('proposal_follows').where('proposal_id', '=', row.id).where('user_id', '=', v.userId).execute()
      return { following: false }
    })
  })
}

