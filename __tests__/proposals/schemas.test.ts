import Fastify from 'fastify'
import type { TSchema } from '@sinclair/typebox'
import type { ProposalDetail, ProposalHome, ProposalListItem, ProposalSettings } from '../../types'
import { DEFAULT_SETTINGS } from '../../server/proposals/rules'
import { DetailSchema, HomeSchema, SettingsSchema } from '../../server/proposals/schemas'

// Fastify's serializer writes only what a response schema names, so each body must come back whole:
// every field, nulls as nulls, free-form timeline details as they were.
async function roundTrip(schema: TSchema, body: unknown): Promise<unknown> {
  const app = Fastify({ logger: false })
  app.get('/', { schema: { response: { 200: schema } } }, async () => body)
  const res = await app.inject({ method: 'GET', url: '/' })
  await app.close()
  return res.json()
}

const item: ProposalListItem = {
  id: 7,
  title: '3号楼加装电梯的建议',
  category: 'elevator',
  level: 'building',
  unitId: 13,
  unitName: '3号楼',
  neighbourhoodId: 11,
  state: 'voting',
  cosignCount: 5,
  threshold: 5,
  deadlineAt: null,
  overdue: false,
  authorLabel: '3号楼居民',
  enteredByStaff: false,
  contentStatus: 'visible',
  isMine: true,
  cosignedByMe: false,
  followedByMe: true,
  coverPhoto: null,
  voteClosesAt: '2025-03-10T02:00:00.000Z',
  createdAt: '2025-03-01T02:00:00.000Z',
  updatedAt: '2025-03-03T02:00:00.000Z',
}

const tally = { for: 2, against: 1, abstain: 1, turnout: 4, eligibleHouseholds: 6, passed: true }

const detail: ProposalDetail = {
  ...item,
  body: '楼里老人多，建议加装电梯。',
  photos: [{ id: 1, url: '/api/media/1', thumbUrl: '/api/media/1/thumb', status: 'visible' }],
  unitLevelName: '楼组',
  staffNote: null,
  mergedInto: null,
  mergedFrom: [{ id: 3, title: '加装电梯' }],
  referral: {
    to: 'property',
    toName: '物业公司',
    reason: null,
    status: 'answered',
    acceptedAt: null,
    answer: '已安排',
    answeredAt: '2025-03-02T02:00:00.000Z',
    answeredBy: 'committee',
  },
  implementation: { owner: '物业', plannedDate: '2025-12-31', budgetPlanned: 120000.5, budgetSpent: null, percent: 40 },
  timeline: [
    { id: 1, from: null, to: 'submitted', actorRole: 'author', actorLabel: '3号楼居民', reason: null, details: null, referralEvent: null, photos: [], at: '2025-03-01T02:00:00.000Z' },
    { id: 2, from: 'voting', to: 'approved', actorRole: 'system', actorLabel: '系统', reason: '按期', details: { tally, note: ['a', 1] }, referralEvent: null, photos: [], at: '2025-03-02T02:00:00.000Z' },
  ],
  meetings: [{ id: 1, kind: 'hearing', heldOn: '2025-03-02', place: '居委会', attendance: 12, minutes: '听取意见', decisions: null, files: [{ id: 4, kind: 'pdf', url: '/api/media/4?u=1&exp=1&sig=x', thumbUrl: null, status: 'visible' }], createdAt: '2025-03-02T02:00:00.000Z' }],
  progress: [
    {
      id: 1,
      percent: 40,
      text: '已开工',
      photos: [],
      budgetSpent: 5000.25,
      correction: false,
      createdAt: '2025-03-02T02:00:00.000Z',
      comments: [{ id: 1, authorLabel: '3号楼居民', body: '辛苦了', isMine: false, contentStatus: 'pending_review', createdAt: '2025-03-02T03:00:00.000Z' }],
    },
  ],
  vote: { closesAt: null, household: { choice: 'abstain', castByMe: false }, canVote: false, result: tally, decidedOffline: false },
  evaluations: {
    average: 4.5,
    count: 2,
    windowEndsAt: null,
    mine: { rating: 5, comment: null },
    canEvaluate: true,
    recent: [{ rating: 4, comment: '不错', authorLabel: '3号楼居民', createdAt: '2025-03-02T02:00:00.000Z' }],
  },
  topicId: null,
  allowedTransitions: ['approved'],
  canCosign: false,
  isCommittee: true,
  isReferee: false,
}

describe('proposal response schemas', () => {
  it('serialize a full detail unchanged', async () => {
    expect(await roundTrip(DetailSchema, detail)).toEqual(detail)
    const bare = { ...detail, referral: null, implementation: null, vote: null, evaluations: null, mergedInto: { id: 9, title: 'x' }, topicId: 4 }
    expect(await roundTrip(DetailSchema, bare)).toEqual(bare)
  })

  it('serialize 首页 and settings unchanged', async () => {
    const home: ProposalHome = { openVotes: [{ ...item, householdVoted: true }], nearThreshold: [item], toEvaluate: [], overdue: [] }
    expect(await roundTrip(HomeSchema, home)).toEqual(home)
    // Percent settings may have two decimals.
    const settings: ProposalSettings = { neighbourhoodId: 11, ...DEFAULT_SETTINGS, cosignSharePercent: 3.25, voteMajorityPercent: 66.67, isDefault: false }
    expect(await roundTrip(SettingsSchema, settings)).toEqual(settings)
  })
})
