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

  it('does not treat a long digit run as a phone', () => {
    expect(maskPersonalInfo('订单号 2138123456789')).toBe('订单号 2138123456789')
  })
})
