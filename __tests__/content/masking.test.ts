import { hasPersonalInfo, maskPersonalInfo } from '../../server/content/masking'

describe('maskPersonalInfo', () => {
  it.each([
    ['电话13812345678找我', '电话138****5678找我'],
    ['身份证310105199001011234', '身份证3101**********1234'],
    ['身份证31010519900101123X号', '身份证3101**********123X号'],
    ['我住3号楼201室', '我住3号楼***室'],
    ['12栋1502漏水', '12栋****漏水'],
    ['楼上 602室 很吵', '楼上 ***室 很吵'],
  ])('%s → %s', (input, expected) => {
    expect(maskPersonalInfo(input)).toBe(expected)
  })

  it('leaves ordinary numbers and dates alone', () => {
    const text = '2024年共有36户参加，费用1200元，第3次会议'
    expect(maskPersonalInfo(text)).toBe(text)
    expect(hasPersonalInfo(text)).toBe(false)
  })

  it.each([
    ['座机021-62345678', '座机021-****5678'],
    ['打(021)62345678问', '打(021)****5678问'],
    ['打（021）6234 5678问', '打（021）**** 5678问'],
    ['杭州0571 87654321', '杭州0571 ****4321'],
    ['电话：62345678', '电话：****5678'],
    ['拨打6234-5678', '拨打****-5678'],
    ['手机139 1234 5678', '手机139 **** 5678'],
    ['手机139-1234-5678', '手机139-****-5678'],
    ['联系+86 139 1234 5678', '联系+86 139 **** 5678'],
    ['联系+8613912345678', '联系+86139****5678'],
    ['8613912345678', '86139****5678'],
  ])('masks the phone in %s → %s', (input, expected) => {
    expect(maskPersonalInfo(input)).toBe(expected)
    expect(hasPersonalInfo(input)).toBe(true)
  })

  it.each([
    '会议定在2026-05-01下午',
    '2026-05-01至2026-06-30',
    '维修基金12000元，另付1200-1500元',
    '3号楼共有24户，62户签名',
    '第12345678号通知',
    '累计浏览 62345678 次',
    '2025年3月开工，工期90天',
    '报价 1,380,000 元',
    '订单 20260501 已付',
    '邮编 200050',
  ])('leaves %s alone', (text) => {
    expect(maskPersonalInfo(text)).toBe(text)
  })

  it('does not treat a long digit run as a phone', () => {
    expect(maskPersonalInfo('订单号 2138123456789')).toBe('订单号 2138123456789')
  })
})
