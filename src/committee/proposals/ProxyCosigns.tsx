import { Text, View } from '@tarojs/components'
import type { CosignResult, ProxyCosign } from '@yishi/types'
import { Card } from '@/shared/ui/Card'
import { Button } from '@/shared/ui/Button'
import type { Actions } from '@/shared/hooks/useAction'
import { useLoader } from '@/shared/hooks/useLoader'
import { formatDateTime } from '@/shared/format'
import { committeeProposalsApi } from './api'

interface Props {
  proposalId: number
  /** Bumped after a new 代录 co-signature, to list it. */
  version: number
  /** The page's one runner of actions, so nothing else runs meanwhile. */
  action: Actions
  onRemoved(res: CosignResult): void
}

/** The 代录 co-signatures of one proposal, each of which can be taken back when entered by mistake. */
export function ProxyCosigns({ proposalId, version, action, onRemoved }: Props) {
  // Mounted once a proposal is picked, after the page showed: load then, and again for another pick.
  const load = useLoader(() => committeeProposalsApi.proxyCosigns(proposalId), { when: 'mount', deps: [proposalId, version] })
  const items = load.data?.items ?? []

  const remove = (c: ProxyCosign) => {
    void action.run(
      `uncosign-${c.id}`,
      async () => {
        const res = await committeeProposalsApi.removeProxyCosign(proposalId, c.id)
        load.set({ items: items.filter((x) => x.id !== c.id) })
        onRemoved(res)
        return res
      },
      {
        ask: { title: '撤销代录附议', content: `撤销 ${c.buildingName} ${c.room} 的代录附议，附议人数减一。确定撤销吗？`, danger: true, confirmText: '撤销' },
        done: (res) => `已撤销（${res.cosignCount}/${res.threshold}）`,
      },
    )
  }

  if (items.length === 0) return null
  return (
    <Card title='这条提案的代录附议'>
      {items.map((c) => (
        <View className='list-row proxy-cosign' key={c.id}>
          <View className='list-row__main'>
            <Text className='list-row__label'>
              {c.buildingName} {c.room}
            </Text>
            <Text className='list-row__hint'>{formatDateTime(c.enteredAt)} 登记</Text>
          </View>
          <Button kind='plain' small loading={action.busy === `uncosign-${c.id}`} onClick={() => remove(c)}>
            撤销
          </Button>
        </View>
      ))}
    </Card>
  )
}
