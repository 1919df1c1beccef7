import type { FastifyError, FastifyInstance } from 'fastify'

/** A refusal the client should understand: status, stable code, Chinese message for the resident. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
    /** Response headers the refusal needs (Retry-After on a 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(message)
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what}不存在或已被删除`)
export const forbidden = (message = '您没有权限进行此操作') => new AppError(403, 'forbidden', message)
export const unauthorized = () => new AppError(401, 'unauthorized', '请先登录')
export const badInput = (field: string, message: string) => new AppError(400, 'invalid_input', message, field)
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(409, code, message, undefined, details)

// Field names residents may see in validation messages; capabilities add their own (installErrorHandling).
const FIELD_NAMES: Record<string, string> = {
  code: '登录凭证',
  userId: '账号',
  buildingId: '楼组',
  room: '房号',
  reason: '原因',
  status: '状态',
  id: '编号',
  isRepresentative: '居民代表',
  // 邀请与人员
  role: '角色',
  label: '单位名称',
  validDays: '有效天数',
  // 议事厅
  body: '内容',
  question: '议题',
  background: '背景说明',
  closesAt: '截止时间',
  unitId: '所属单元',
  parentId: '回复对象',
  stance: '立场',
  photos: '图片',
  official: '官方回复',
  action: '操作',
  summary: '议事纪要',
  days: '禁言天数',
  note: '说明',
  decision: '复核结果',
  reportThreshold: '自动隐藏所需举报人数',
  sort: '排序方式',
  cursor: '翻页位置',
  limit: '每页条数',
  // 社区提案
  title: '标题',
  category: '类别',
  level: '层级',
  hideBuilding: '隐藏楼组',
  onBehalfOf: '代录居民',
  to: '目标状态',
  mergeInto: '合并到的提案',
  referTo: '转办对象',
  minutes: '会议纪要',
  owner: '实施负责人',
  plannedDate: '计划完成日期',
  budgetPlanned: '预算',
  choice: '投票选项',
  rating: '评分',
  comment: '评价',
  percent: '完成进度',
  text: '进展说明',
  budgetSpent: '已支出金额',
  kind: '会议类型',
  heldOn: '会议日期',
  place: '会议地点',
  attendance: '参会人数',
  decisions: '会议决定',
  answer: '答复',
  name: '称呼',
  state: '提案状态',
  mine: '我的提案',
  overdue: '已超期',
  progressId: '进展编号',
  // 问卷与评估指标
  template: '问卷模板',
  instruments: '问卷量表',
  copyOf: '复制的问卷',
  intro: '问卷说明',
  opensAt: '开始时间',
  questions: '题目',
  options: '选项',
  maxChoices: '最多可选项数',
  labels: '量表刻度',
  dkLabel: '“不清楚”选项',
  maxLength: '字数上限',
  required: '是否必答',
  answers: '回答',
  questionId: '题目编号',
  responseNote: '整改反馈',
  inputs: '评估数据',
  period: '评估期',
  format: '导出格式',
  // 居务公开
  amount: '金额',
  spentOn: '支出日期',
  proposalId: '关联提案',
  year: '年份',
  key: '公开记录',
  streetId: '街镇',
}

interface AjvIssue {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
}

function describeIssue(issue: AjvIssue, dataVar: string, names: Record<string, string>): { field: string; message: string } {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.')
  const field = issue.keyword === 'required' ? String(issue.params.missingProperty) : path || dataVar
  const leaf = field.split('.').pop() ?? field
  const name = names[leaf] ?? leaf
  switch (issue.keyword) {
    case 'required':
      return { field, message: `请填写${name}` }
    case 'maxLength':
      return { field, message: `${name}不能超过 ${issue.params.limit} 个字` }
    case 'minLength':
      return { field, message: Number(issue.params.limit) <= 1 ? `请填写${name}` : `${name}至少需要 ${issue.params.limit} 个字` }
    case 'maximum':
    case 'minimum':
      return { field, message: `${name}超出允许的范围` }
    case 'enum':
    case 'const':
      return { field, message: `${name}不是可选的值` }
    case 'additionalProperties':
      return { field: String(issue.params.additionalProperty), message: `不认识的字段：${issue.params.additionalProperty}` }
    case 'type':
      return { field, message: `${name}的格式不正确` }
    default:
      return { field, message: `${name}填写有误` }
  }
}

/** JSON errors for everything a route throws; `fieldNames` adds capabilities' own field names. */
export function installErrorHandling(app: FastifyInstance, fieldNames: Record<string, string> = {}): void {
  const names = { ...FIELD_NAMES, ...fieldNames }
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      if (err.headers) reply.headers(err.headers)
      return reply.status(err.statusCode).send({
        error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}), ...(err.details !== undefined ? { details: err.details } : {}) },
      })
    }
    const fe = err as FastifyError
    if (fe.validation && fe.validation.length > 0) {
      const { field, message } = describeIssue(fe.validation[0] as AjvIssue, fe.validationContext ?? 'body', names)
      return reply.status(400).send({ error: { code: 'invalid_input', message, field } })
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply.status(413).send({ error: { code: 'body_too_large', message: '提交的内容太大了，请精简后再试' } })
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply.status(415).send({ error: { code: 'unsupported_media_type', message: '请以 JSON 格式提交' } })
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return reply.status(400).send({ error: { code: 'invalid_json', message: '提交的内容格式不正确' } })
    }
    if (fe.statusCode === 429) {
      return reply.status(429).send({ error: { code: 'rate_limited', message: '操作太频繁了，请稍后再试' } })
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({ error: { code: 'bad_request', message: '请求有误，请检查后重试' } })
    }
    request.log.error({ err }, 'unhandled error')
    return reply.status(500).send({ error: { code: 'internal', message: '服务器开小差了，请稍后再试' } })
  })

  app.setNotFoundHandler((_request, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: '您访问的内容不存在' } }),
  )
}
