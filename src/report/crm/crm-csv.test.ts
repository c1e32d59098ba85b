import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { crmValue, writeCrmCsv, type CrmRecord } from './crm-csv.js'
import { crmColumns } from './formats.js'

const dir = mkdtempSync(join(tmpdir(), 'clientele-crm-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const person: CrmRecord = {
  customer_id: 'C1',
  name: '张三丰',
  email: 'zsf@wudang.cn',
  phone: '13812345678',
  score: 81.2345,
  clv: 12_345.678,
}
const firm: CrmRecord = {
  customer_id: 'C2',
  name: '李四',
  company: '武当贸易有限公司',
  phone: '13900001111',
}

async function* pagesOf(...pages: CrmRecord[][]) {
  yield* pages
}

describe('the CRM import file', () => {
  it('writes UTF-8 without a BOM, CRLF rows, quoted where needed, numbers to two decimals', async () => {
    const path = join(dir, 'a.csv')
    const columns = crmColumns('generic', 'contact', {
      company: '',
      account_manager: '',
      as_of: '',
      policy: '',
    })
    const reason: CrmRecord = { customer_id: 'C3', reason: '金额 ¥1,200, "高"' }
    const rows = await writeCrmCsv(path, pagesOf([person], [reason]), {
      columns,
      object: 'contact',
      role: 'admin',
    })
    expect(rows).toBe(2)
    expect(readFileSync(path, 'utf8')).toBe(
      'customer_id,name,email,phone,tier,tier_name,segment,score,clv,reason\r\n' +
        'C1,张三丰,zsf@wudang.cn,13812345678,,,,81.23,12345.68,\r\n' +
        'C3,,,,,,,,,"金额 ¥1,200, ""高"""\r\n',
    )
  })

  it("masks a viewer's contact data; an account keeps its company's name", () => {
    const o = { columns: [], object: 'contact' as const, role: 'viewer' as const }
    expect(['name', 'email', 'phone'].map((f) => crmValue(person, f as 'name', o))).toEqual([
      '张**',
      'z***@wudang.cn',
      '138****5678',
    ])
    const account = { ...o, object: 'account' as const }
    expect(crmValue(firm, 'name', account)).toBe('武当贸易有限公司')
    expect(crmValue(person, 'name', account)).toBe('张**')
  })
})
