import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { CosignResult, ProposalCategory, ProposalLevel, ProposalListItem, UnitNode } from '@yishi/types'
import { PROPOSAL_CATEGORIES, PROPOSAL_CATEGORY_NAMES } from '@yishi/types'
import { Page, PageNotice } from '@/accounts/Page'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import { EmptyState } from '@/shared/ui/EmptyState'
import { Segments } from '@/shared/ui/Segments'
import { useAction } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { newIdempotencyKey } from '@/shared/request'
import { accountsApi } from '@/accounts/api'
import { useMe } from '@/accounts/me'
import { isCommittee } from '@/accounts/session'
import { listEstates, checkRoom, type EstateChoice } from '@/accounts/residence'
import { COMMITTEE_MANAGE_PAGE, markProposalsChanged, proposalsApi } from '@/proposals/api'
import { checkDraft, TITLE_MAX, BODY_MAX } from '@/proposals/draft'
import { cosignProgress } from '@/proposals/labels'
import { committeeProposalsApi } from './api'
import { TextField, Tiles } from './fields'
import { ProxyCosigns } from './ProxyCosigns'

type Tab = 'proposal' | 'cosign'
const TABS: { value: Tab; label: string }[] = [
  { value: 'proposal', label: '代录提案' },
  { value: 'cosign', label: '代录附议' },
]

/** The 小区 under the units the staff member serves (their 居民区, or every 居民区 of their 街镇). */
function estatesServed(units: UnitNode[], served: Set<number>): EstateChoice[] {
  const out: EstateChoice[] = []
  const walk = (node: UnitNode) => {
    if (served.has(node.id)) out.push(...listEstates([node]))
    else node.children.forEach(walk)
  }
  units.forEach(walk)
  return out
}

/** 小区, then 楼组: where the resident who came in lives. */
function BuildingPicker({ estates, estateId, buildingId, onEstate, onBuilding }: {
  estates: EstateChoice[]
  estateId: number | null
  buildingId: number | null
  onEstate(id: number): void
  onBuilding(id: number): void
}) {
  const estate = estates.find((e) => e.id === estateId)
  return (
    <View>
      <Text className='field__label'>居民住在哪个小区</Text>
      <Tiles options={estates.map((e) => ({ value: e.id, label: e.name }))} value={estateId} onChange={onEstate} />
      {estate && (
        <View>
          <Text className='field__label'>哪个楼组</Text>
          <Tiles options={estate.buildings.map((b) => ({ value: b.id, label: b.name }))} value={buildingId} onChange={onBuilding} />
        </View>
      )}
    </View>
  )
}

export default function ProxyPage() {
  const me = useMe()
  const [tab, setTab] = useState<Tab>('proposal')
  const [estateId, setEstateId] = useState<number | null>(null)
  const [buildingId, setBuildingId] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const action = useAction()
  const busy = !!action.busy

  // 代录提案
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [category, setCategory] = useState<ProposalCategory | null>(null)
  const [level, setLevel] = useState<ProposalLevel>('building')
  const [note, setNote] = useState('')
  const submitKey = useRef<{ key: string; for: string } | null>(null)

  // 代录附议
  const [target, setTarget] = useState<ProposalListItem | null>(null)
  const [room, setRoom] = useState('')
  const [name, setName] = useState('')
  const [cosigned, setCosigned] = useState(0)

  // Read once, when the page first shows; a failure reads as nothing to pick from.
  const estatesLoad = useLoader(
    () =>
      accountsApi.units().then(
        (res) => estatesServed(res.units, new Set((me?.roles ?? []).map((r) => r.unitId))),
        () => [],
      ),
    { stale: () => false },
  )
  const openLoad = useLoader(
    () =>
      proposalsApi.list({ states: ['submitted'], sort: 'newest', limit: 50 }, true).then(
        (p) => p.items.filter((i) => i.contentStatus === 'visible'),
        () => [],
      ),
    { stale: () => false },
  )
  const estates = estatesLoad.data
  const open = openLoad.data

  const switchTab = (t: Tab) => {
    setTab(t)
    setError(null)
  }

  if (me && !isCommittee(me)) {
    return <PageNotice title='只有居委会工作人员可以代录' />
  }

  // Both tabs start from where the resident who came in lives.
  const address = estates && (
    <BuildingPicker
      estates={estates}
      estateId={estateId}
      buildingId={buildingId}
      onEstate={(id) => {
        setEstateId(id)
        setBuildingId(null)
      }}
      onBuilding={setBuildingId}
    />
  )

  const submitProposal = () => {
    const problems = checkDraft({ title, body, category, level, hideBuilding: false })
    const problem = !buildingId ? '请选择居民住的楼组' : problems.title ?? problems.body ?? problems.category ?? null
    setError(problem)
    if (problem || !buildingId || !category) return
    void action.run(
      'proposal',
      async () => {
        const payload = { title: title.trim(), body: body.trim(), category, level }
        // The same form sent again (a retry, a second tap) is one proposal.
        const fingerprint = JSON.stringify([payload, buildingId, note.trim()])
        if (!submitKey.current || submitKey.current.for !== fingerprint) submitKey.current = { key: newIdempotencyKey(), for: fingerprint }
        const created = await committeeProposalsApi.proxySubmit(payload, { buildingId, ...(note.trim() ? { note: note.trim() } : {}) }, submitKey.current.key)
        submitKey.current = null
        markProposalsChanged()
        Taro.showToast({ title: '已代录', icon: 'success' })
        await Taro.redirectTo({ url: `${COMMITTEE_MANAGE_PAGE}?id=${created.id}` })
      },
      { ask: { title: '代录提案', content: `以“居委会代录”的名义登记「${title.trim()}」。确定提交吗？`, confirmText: '提交' } },
    )
  }

  const submitCosign = () => {
    const roomProblem = checkRoom(room)
    const problem = !target ? '请选择要附议的提案' : !buildingId ? '请选择居民住的楼组' : roomProblem
    setError(problem)
    if (problem || !target || !buildingId) return
    // A household counts once: another person of one already co-signed leaves the count where it was.
    const before = target.cosignCount
    void action.run(
      'cosign',
      async () => {
        const res = await committeeProposalsApi.proxyCosign(target.id, { buildingId, room: room.trim(), ...(name.trim() ? { name: name.trim() } : {}) })
        markProposalsChanged()
        setRoom('')
        setName('')
        counted(target.id, res)
        setCosigned((n) => n + 1)
        return res
      },
      {
        ask: { title: '代录附议', content: `为 ${room.trim()} 室居民代录附议「${target.title}」。确定吗？`, confirmText: '代录附议' },
        done: (res) =>
          res.state === 'screening'
            ? '已代录，人数已够，进入审核'
            : res.cosignCount === before
              ? `该户已附议，人数不变（${res.cosignCount}/${res.threshold}）`
              : `已代录（${res.cosignCount}/${res.threshold}）`,
      },
    )
  }

  /** Still collecting: the new count; enough now: it leaves the list. */
  const counted = (id: number, res: CosignResult) => {
    if (open) openLoad.set(open.map((p) => (p.id === id ? { ...p, cosignCount: res.cosignCount } : p)).filter((p) => res.state === 'submitted' || p.id !== id))
    if (res.state === 'submitted') setTarget((t) => (t && t.id === id ? { ...t, cosignCount: res.cosignCount } : t))
    else setTarget(null)
  }

  return (
    <Page>
      <Segments options={TABS} value={tab} onChange={switchTab} />
      <Text className='hint'>为到居委会当面提出的居民登记。居民看到的会标明“居委会代录”。</Text>

      {!estates && <EmptyState title='正在加载…' />}

      {estates && tab === 'proposal' && (
        <View>
          <Card title='居民的住址'>
            {address}
            <Text className='field__label'>提案范围</Text>
            <Tiles
              options={[
                { value: 'building' as const, label: '本楼组' },
                { value: 'estate' as const, label: '本小区' },
                { value: 'neighbourhood' as const, label: '本居民区' },
              ]}
              value={level}
              onChange={setLevel}
            />
          </Card>
          <Card title='提案内容'>
            <TextField label='标题' value={title} onChange={setTitle} max={TITLE_MAX} placeholder='5 到 40 个字' />
            <TextField label='具体内容' value={body} onChange={setBody} max={BODY_MAX} multiline />
            <Text className='field__label'>分类</Text>
            <Tiles options={PROPOSAL_CATEGORIES.map((c) => ({ value: c, label: PROPOSAL_CATEGORY_NAMES[c] }))} value={category} onChange={setCategory} />
            <TextField label='备注（只有居委会可见，如居民姓名和联系方式）' value={note} onChange={setNote} max={200} multiline />
          </Card>
          {error && <Text className='field__error'>{error}</Text>}
          <Button loading={busy} onClick={submitProposal}>
            提交代录提案
          </Button>
        </View>
      )}

      {estates && tab === 'cosign' && (
        <View>
          <Card title='附议哪一条提案'>
            {!open && <Text className='card__note'>正在加载…</Text>}
            {open && !open.length && <Text className='card__note'>现在没有正在征集附议的提案。</Text>}
            <View className='choices'>
              {open?.map((p) => (
                <View key={p.id} className={`choice choice--compact ${target?.id === p.id ? 'choice--selected' : ''}`} hoverClass='choice--pressed' onClick={() => setTarget(p)}>
                  <Text className='choice__title'>{p.title}</Text>
                  <Text className='choice__text'>
                    {p.unitName} · {cosignProgress(p.cosignCount, p.threshold).text}
                  </Text>
                </View>
              ))}
            </View>
          </Card>
          {target && (
            <ProxyCosigns
              proposalId={target.id}
              version={cosigned}
              action={action}
              onRemoved={(res) => {
                markProposalsChanged()
                counted(target.id, res)
              }}
            />
          )}
          <Card title='居民的住址'>
            {address}
            <TextField label='房号' value={room} onChange={setRoom} max={20} placeholder='例如 302' />
            <TextField label='姓名（可不填，只有居委会可见）' value={name} onChange={setName} max={20} />
            <Text className='card__note'>同一户同一姓名只算一次。居民须住在提案所属的范围内。</Text>
          </Card>
          {error && <Text className='field__error'>{error}</Text>}
          <Button loading={busy} onClick={submitCosign}>
            代录附议
          </Button>
        </View>
      )}
    </Page>
  )
}
