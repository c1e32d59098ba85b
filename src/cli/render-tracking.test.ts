import { describe, expect, it } from 'vitest'
import type { TrackedAction } from '../tracking/index.js'
import { actionsCsv, renderActions } from './render-tracking.js'

const action = (over: Partial<TrackedAction>): TrackedAction => ({
  id: 1,
  customerId: 'C1',
  tier: 'gold',
  action: 'vip',
  text: 'VIP service, early access',
  owner: '张伟',
  priority: 'high',
  due: '2024-06-15',
  valueAtStake: 100,
  state: 'open',
  note: null,
  snapshot: 1,
  openedOn: '2024-06-01',
  closedOn: null,
  overdue: false,
  ...over,
})

describe('tracking renderings', () => {
  it('writes the action list as CSV that actions import reads back, quoting commas and quotes', () => {
    expect(actionsCsv([action({}), action({ id: 2, state: 'skipped', note: 'said "no"' })])).toBe(
      [
        'action_id,customer_id,tier,action,text,owner,due,state,note',
        '1,C1,gold,vip,"VIP service, early access",张伟,2024-06-15,open,',
        '2,C1,gold,vip,"VIP service, early access",张伟,2024-06-15,skipped,"said ""no"""',
      ].join('\n'),
    )
  })

  it('marks overdue actions and gives each owner’s completion rate', () => {
    const text = renderActions({
      today: '2024-06-20',
      actions: [action({ overdue: true })],
      owners: [
        {
          owner: '张伟',
          total: 3,
          open: 1,
          done: 1,
          skipped: 1,
          overdue: 1,
          completionRate: 1 / 3,
        },
      ],
    }).split('\n')
    expect(text[2]).toMatch(/^ 1 +C1 +VIP service, early access +张伟 +2024-06-15 +overdue$/)
    expect(text[4]).toMatch(
      /^owner +actions +open +done +skipped +overdue on 2024-06-20 +completion$/,
    )
    expect(text[6]).toMatch(/^张伟 +3 +1 +1 +1 +1 +33\.3%$/)
  })
})
