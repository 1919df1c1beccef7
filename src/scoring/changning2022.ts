// The default index: 长宁区全过程人民民主实践示范社区评估指标 (annex to 长民〔2022〕20号,
// shared/seeds/000, transcribed in shared/spec/indicators.md). 4 first-level, 11 second-level,
// 28 third-level indicators, 100 points. The index is data: another district's table is another
// IndexDefinition. Ids are stable ASCII; stored inputs are keyed by them.

import type {
  Band,
  ChecklistRule,
  ExpertRule,
  IndexDefinition,
  IndexLeaf,
  IndexNode,
  IndexParent,
  IndexRule,
  InputSource,
} from '../../types/scoring'

const parent = (id: string, name: string, max: number, children: IndexNode[]): IndexParent => ({ id, name, max, children })

const leaf = (
  id: string,
  name: string,
  max: number,
  rule: IndexRule,
  extra: { defaultSource?: InputSource; evidence?: string } = {},
): IndexLeaf => ({ id, name, max, rule, ...extra })

const checklist = (...items: [id: string, label: string, points: number][]): ChecklistRule => ({
  kind: 'checklist',
  items: items.map(([id, label, points]) => ({ id, label, points })),
})

const expert = (measure: string): ExpertRule => ({ kind: 'expert', measure })

const bandList = (...bands: [min: number, points: number, label: string][]): Band[] =>
  bands.map(([min, points, label]) => ({ min, points, label }))

// Bands are inclusive lower bounds on the exact rate: the source's "90%以上 / 80%-89%" puts 0.895
// in the 80% band (indicators.md note 2).
export const CHANGNING_2022: IndexDefinition = {
  id: 'changning_2022',
  name: '长宁区全过程人民民主实践示范社区评估指标（2022）',
  source: '长民〔2022〕20号 附件',
  max: 100,
  children: [
    parent('party_leadership', '党建引领', 15, [
      parent('party_coordination', '党组织统筹协调', 7, [
        leaf('party_cohesion', '居民区党组织凝聚力', 5, { kind: 'questionnaire', instrument: 'cohesion' }),
        leaf(
          'regional_party_building',
          '居民区区域化党建',
          2,
          checklist(['joint_meeting', '建立区域党建工作联席会议制度', 1], ['resource_sharing', '建立区域化党建资源共享机制', 1]),
        ),
      ]),
      parent('party_members', '党员示范引领', 8, [
        leaf('member_registration', '党员报到', 3, {
          kind: 'bands',
          measure: '在职党员报到率',
          bands: bandList([0.9, 3, '90%以上'], [0.8, 2, '80%–89%'], [0.6, 1, '60%–79%']),
        }),
        leaf('member_volunteers', '党员先锋模范作用', 3, {
          kind: 'bands',
          measure: '社区党员中志愿者比例',
          bands: bandList([0.9, 3, '90%以上'], [0.7, 2, '70%–89%'], [0.5, 1, '50%–69%']),
        }),
        leaf(
          'cross_appointment',
          '交叉任职情况',
          2,
          checklist(
            ['cross_appointed', '党总支（党支部）、居委会、业委会存在交叉任职', 1],
            ['members_effective', '党员发挥作用良好', 1],
          ),
        ),
      ]),
    ]),
    parent('participants', '参与主体', 25, [
      parent('self_governance', '群众自治', 15, [
        // The source lost this row's method. Until the district sets one: what the platform
        // records (3 points) plus an assessment committee's score (0–2), marked provisional.
        leaf(
          'consultation_platform',
          '协商平台',
          5,
          {
            kind: 'configurable',
            configured: false,
            note: '原表缺少测量方法，区里确定前按平台记录和评议小组打分计算',
            rule: {
              kind: 'sum',
              parts: [
                leaf(
                  'platform_evidence',
                  '平台记录',
                  3,
                  checklist(
                    ['online_hall', '有线上议事平台并常态使用', 1],
                    ['three_meetings', '运用听证会、协调会、评议会“三会”制度', 1],
                    ['open_process', '议题征集、讨论和结果全程公开', 1],
                  ),
                  { defaultSource: 'platform', evidence: '本应用的议事厅、议题和议事记录' },
                ),
                leaf('platform_committee', '评议小组打分', 2, expert('协商平台运行成效（评议小组打分）')),
              ],
            },
          },
          { evidence: '本应用的议事厅、议题和议事记录' },
        ),
        leaf('autonomy_teams', '自治团队', 5, {
          kind: 'sum',
          parts: [
            leaf('teams_variety', '团队数量和类型', 1, checklist(['many_varied', '群众活动团队数量较多，类型丰富', 1])),
            leaf('teams_regular', '常态化活动机制', 1, {
              kind: 'bands',
              measure: '建立常态化活动机制的团队比例',
              bands: bandList([0.8, 1, '80%以上']),
            }),
            leaf('teams_participation', '团队参与社区治理', 3, expert('群众活动团队参与社区治理情况（专家打分）')),
          ],
        }),
        leaf('three_carriages', '三驾马车', 5, {
          kind: 'sum',
          parts: [
            leaf(
              'carriages_checklist',
              '业委会与物业',
              2,
              checklist(['owners_committee', '组建业委会，且正常运转', 1], ['red_property', '物业达到红色物业标准', 1]),
            ),
            leaf('carriages_coordination', '三方协同', 3, expert('居委会、业委会、物业公司有效协同（量表）')),
          ],
        }),
      ]),
      parent('multi_participation', '多元参与', 5, [
        leaf('five_social_linkage', '五社联动', 5, expert('五社联动机制形成和实施情况（专家打分）')),
      ]),
      parent('talent', '人才队伍', 5, [
        leaf('internal_talent', '内部人才', 3, expert('专职工作人员对协商议事和冲突管理工具、技术和方法的掌握和运用')),
        leaf('external_talent', '外部人才', 2, expert('外部专家和智库赋能情况')),
      ]),
    ]),
    parent('support', '保障支撑', 20, [
      parent('venues', '阵地建设', 5, [
        leaf(
          'offline_venue',
          '线下阵地',
          2,
          checklist(
            ['space', '有专门的协商议事实体空间，软硬件设施配备齐全', 1],
            ['facilitators', '有专门人员为空间运转和协商议事活动提供主持和引导', 1],
          ),
        ),
        leaf(
          'online_venue',
          '线上阵地',
          3,
          {
            kind: 'bands',
            measure: '居民家庭“社区云”上云率',
            bands: bandList([0.5, 3, '50%以上'], [0.26, 2, '26%–49%'], [0.1, 1, '10%–25%']),
          },
          { evidence: '本应用已认证住户的户数占比' },
        ),
      ]),
      parent('tech_enablement', '技术赋能', 5, [
        leaf(
          'online_needs_survey',
          '线上需求调研',
          2,
          { kind: 'perCount', measure: '常态化收集居民需求的线上渠道（公众号、微信群、小程序、电子问卷等）', unit: '个', pointsEach: 0.5, cap: 2 },
          { evidence: '本应用的线上问卷和小程序' },
        ),
        leaf('digital_transformation', '数字化转型', 3, expert('运用人工智能、大数据、物联网、数字孪生等提升协商议事效能')),
      ]),
      parent('project_support', '项目支持', 5, [
        leaf('project_count', '项目数量', 3, {
          kind: 'relativeBands',
          measure: '协商议事、自组织培育、自治阵地建设相关项目数',
          unit: '个',
          bands: bandList([0.3, 3, '超过平均 30%以上'], [0.2, 2, '超过平均 20%以上'], [0.1, 1, '超过平均 10%以上']),
        }),
        leaf('project_funding', '项目金额', 2, {
          kind: 'relativeBands',
          measure: '全过程人民民主相关项目金额',
          unit: '万元',
          bands: bandList([0.2, 2, '超过平均 20%以上'], [0.1, 1, '超过平均 10%以上']),
        }),
      ]),
      parent('mechanisms', '机制保障', 5, [
        leaf('needs_survey_mechanism', '需求调研机制', 1, checklist(['online_offline', '建立线上及线下需求调研机制', 1]), {
          evidence: '本应用的线上需求问卷',
        }),
        leaf('proposal_mechanism', '社区提案机制', 1, checklist(['proposals', '建立社区提案和议题形成机制', 1]), {
          evidence: '本应用的提案和议题记录',
        }),
        leaf('consultation_mechanism', '协商议事机制', 1, checklist(['tiered', '建立分层分类协商议事机制', 1])),
        leaf('supervision_mechanism', '过程监督机制', 1, checklist(['supervision', '建立决议实施过程群众监督机制', 1]), {
          evidence: '本应用的决议落实跟踪记录',
        }),
        leaf('evaluation_mechanism', '居民评价机制', 1, checklist(['evaluation', '建立成果反馈收集和居民评价机制', 1]), {
          evidence: '本应用的成果评价记录',
        }),
      ]),
    ]),
    parent('effectiveness', '实践效能', 40, [
      parent('governance_outcomes', '治理成效', 10, [
        leaf('consultation_results', '协商议事成果', 3, expert('协商议事成果落地及解决问题情况（专家打分）')),
        leaf('brand', '品牌载体', 4, {
          kind: 'perCount',
          measure: '市级以上媒体宣传报道和市级以上部门表彰奖励',
          unit: '项',
          pointsEach: 1,
          cap: 4,
        }),
        leaf('democratic_atmosphere', '基层民主氛围', 3, { kind: 'questionnaire', instrument: 'atmosphere' }),
      ]),
      parent('resident_perception', '居民感受', 30, [
        leaf('awareness', '知晓度', 10, { kind: 'questionnaire', instrument: 'awareness' }),
        leaf('satisfaction', '满意度', 10, { kind: 'questionnaire', instrument: 'satisfaction' }),
        leaf('belonging', '归属感', 10, { kind: 'questionnaire', instrument: 'belonging' }),
      ]),
    ]),
  ],
}
