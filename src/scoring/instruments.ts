// The five resident questionnaires behind the index's survey-based indicators (38 of 100 points).
// Wording is short and plain, to be read aloud to older residents as well as read on a phone.
// Item ids are stable: stored answers are keyed by them, so reword an item only if its meaning
// stays the same, and give a new id otherwise.

import type { AnswerScale, Instrument, InstrumentId, InstrumentItem, ItemKind } from '../../types/scoring'

const AGREE: AnswerScale = { min: 1, max: 5, labels: ['非常不同意', '不太同意', '一般', '比较同意', '非常同意'] }
// Some residents have no view on a given body (e.g. they never dealt with the 物业); 说不清
// keeps them from guessing, and is scored as missing.
const AGREE_OR_UNSURE: AnswerScale = { ...AGREE, dkLabel: '说不清' }
const SATISFIED: AnswerScale = {
  min: 1,
  max: 5,
  labels: ['非常不满意', '不太满意', '一般', '比较满意', '非常满意'],
  dkLabel: '说不清',
}
const KNOWS: AnswerScale = { min: 0, max: 1, labels: ['不知道', '知道'], dkLabel: '不清楚' }

type ItemSpec = [id: string, text: string, facet?: string, reverse?: 'reverse']

function bank(kind: ItemKind, scale: AnswerScale, specs: ItemSpec[]): InstrumentItem[] {
  return specs.map(([id, text, facet, reverse]) => ({
    id,
    text,
    kind,
    scale,
    ...(facet ? { facet } : {}),
    ...(reverse ? { reverse: true } : {}),
  }))
}

// 归属感. Builds on the Brief Sense of Community Scale (Peterson, Speer & McMillan 2008,
// J. Community Psychology 36(1): 61–73): two items for each of its four dimensions (needs
// fulfilment, group membership, influence, emotional connection), adapted to a Shanghai 居民区;
// bel_9 is an added reverse-worded item (wish to move away) that catches yes-saying.
const belonging: Instrument = {
  id: 'belonging',
  name: '归属感',
  maxPoints: 10,
  intro: '下面说的是您对本小区的感受，请选出最符合您想法的一项。',
  reference: 'Peterson, Speer & McMillan (2008) Brief Sense of Community Scale；长宁区评估指标（2022）归属感',
  items: bank('attitude', AGREE, [
    ['bel_1', '住在这个小区，我日常的需要基本都能满足。', '需求满足'],
    ['bel_2', '遇到困难时，小区里能找到人帮忙。', '需求满足'],
    ['bel_3', '我觉得自己是这个小区的一分子。', '成员身份'],
    ['bel_4', '我把这个小区当成自己的家。', '成员身份'],
    ['bel_5', '小区里的事，我说的话有人听。', '影响力'],
    ['bel_6', '小区里的事，邻居们能商量着办好。', '影响力'],
    ['bel_7', '我对这个小区有感情。', '情感联结'],
    ['bel_8', '我和邻居们相处得很好。', '情感联结'],
    ['bel_9', '如果有机会，我很想搬离这个小区。', '情感联结', 'reverse'],
  ]),
}

// 满意度. One overall item plus the facets of community governance named in the Changning
// annex (居民对社区治理的满意度) and the 实施意见 (长民〔2022〕20号: 接待走访与问题处置, 红色物业,
// 社区提案, 阳光居务), the usual overall-plus-facets design of resident satisfaction surveys.
const satisfaction: Instrument = {
  id: 'satisfaction',
  name: '满意度',
  maxPoints: 10,
  intro: '请说说您对本小区以下方面满意不满意。',
  reference: '长宁区评估指标（2022）满意度；长民〔2022〕20号 实施意见',
  items: bank('attitude', SATISFIED, [
    ['sat_1', '总的来说，您对小区的管理和服务满意吗？', '总体'],
    ['sat_2', '您向居委会反映问题后，居委会回应得及时吗？您满意吗？', '居委会回应'],
    ['sat_3', '您对小区的物业服务满意吗？', '物业服务'],
    ['sat_4', '您对小区的环境（卫生、绿化、停车）满意吗？', '居住环境'],
    ['sat_5', '居民提出的建议和提案，处理的结果您满意吗？', '提案处理'],
    ['sat_6', '居委会公开小区的事务和账目，您满意吗？', '居务公开'],
    ['sat_7', '小区商量大事时，居民能充分说出自己的意见，您满意吗？', '议事过程'],
  ]),
}

// 知晓度. Knowledge of the consultation mechanisms and practice the 实施意见 asks residents to
// know (长民〔2022〕20号: 议事厅、"三会"制度、社区提案计划、阳光居务、社区云; 沪民 基层治理
// 实施意见: 社区云线上协商), scored as aware (1) or not (0); 不清楚 counts as not aware.
const awareness: Instrument = {
  id: 'awareness',
  name: '知晓度',
  maxPoints: 10,
  intro: '下面这些事情，您知道吗？',
  reference: '长宁区评估指标（2022）知晓度；长民〔2022〕20号 实施意见；上海市民政局 基层治理实施意见',
  items: bank('knowledge', KNOWS, [
    ['awa_1', '您知道小区有议事厅（议事会），居民可以一起商量小区的事吗？', '协商平台'],
    ['awa_2', '您知道"三会"（听证会、协调会、评议会）吗？', '协商制度'],
    ['awa_3', '您知道怎样提出自己的建议或提案吗？', '参与途径'],
    ['awa_4', '您知道最近一次议事商量决定了什么事吗？', '协商实践'],
    ['awa_5', '您知道议定的事情办得怎么样了吗？', '协商实践'],
    ['awa_6', '您知道在哪里能看到居务公开（如经费怎么用）吗？', '居务公开'],
    ['awa_7', '您知道可以在手机上（社区云、小程序）参加小区议事吗？', '线上参与'],
  ]),
}

// 居民区党组织凝聚力. The annex measures 党员凝聚力和群众基础 by survey; items follow the roles
// the 实施意见 gives the 居民区党组织 (一核: 统筹协调、凝聚骨干、党员先锋作用, 联系群众).
const cohesion: Instrument = {
  id: 'cohesion',
  name: '居民区党组织凝聚力',
  maxPoints: 5,
  intro: '下面说的是您对居民区党组织（党总支、党支部）的看法。',
  reference: '长宁区评估指标（2022）居民区党组织凝聚力；长民〔2022〕20号 实施意见（一核）',
  items: bank('attitude', AGREE_OR_UNSURE, [
    ['coh_1', '居民区党组织在小区里有威信，说话管用。', '群众基础'],
    ['coh_2', '小区遇到大事难事，党组织能把大家组织起来。', '统筹协调'],
    ['coh_3', '身边的党员在小区的事情上能带头。', '党员作用'],
    ['coh_4', '党组织的人常来走访，听取居民意见。', '联系群众'],
    ['coh_5', '我信任居民区党组织。', '群众基础'],
    ['coh_6', '党组织牵头的活动，我愿意参加。', '群众基础'],
    ['coh_7', '有事想找党组织，却不知道找谁。', '联系群众', 'reverse'],
  ]),
}

// 基层民主氛围: the annex's 居民协商议事意识、态度和能力, two or three items each. The ability
// items adapt internal political efficacy items (Niemi, Craig & Mattei 1991) to neighbourhood
// consultation.
const atmosphere: Instrument = {
  id: 'atmosphere',
  name: '基层民主氛围',
  maxPoints: 3,
  intro: '下面说的是小区里商量事情的情况，请选出最符合您想法的一项。',
  reference: '长宁区评估指标（2022）基层民主氛围；Niemi, Craig & Mattei (1991) internal efficacy',
  items: bank('attitude', AGREE_OR_UNSURE, [
    ['atm_1', '小区的公共事务，居民有权一起商量。', '意识'],
    ['atm_2', '小区里有了问题，我会想到通过议事来解决。', '意识'],
    ['atm_3', '小区的事是居委会的事，和我关系不大。', '意识', 'reverse'],
    ['atm_4', '我愿意花时间参加小区的议事。', '态度'],
    ['atm_5', '只要是大家商量定的，和我想法不同我也接受。', '态度'],
    ['atm_6', '在议事会上，我能把自己的意见讲清楚。', '能力'],
    ['atm_7', '我能听进不同意见，和大家一起想办法。', '能力'],
  ]),
}

export const INSTRUMENTS: Record<InstrumentId, Instrument> = {
  cohesion,
  atmosphere,
  awareness,
  satisfaction,
  belonging,
}
