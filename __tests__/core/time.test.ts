import { addShanghaiDays, endOfShanghaiDay, shanghaiDateTimeText, shanghaiDay, shanghaiMinute, shanghaiYear, startOfShanghaiDay } from '../../types/time'

describe('Shanghai days and times', () => {
  it('reads the Shanghai day of an instant, whatever form it comes in', () => {
    // 16:00 UTC on 31 December is already New Year's Day in Shanghai.
    expect(shanghaiDay('2025-12-31T16:00:00Z')).toBe('2026-01-01')
    expect(shanghaiDay(new Date('2025-12-31T15:59:59.999Z'))).toBe('2025-12-31')
    expect(shanghaiDay(Date.parse('2026-06-30T23:00:00Z'))).toBe('2026-07-01')
    expect(shanghaiYear('2025-12-31T16:00:00Z')).toBe('2026')
    expect(shanghaiDay('not a date')).toBe('')
  })

  it('writes wall-clock times in Shanghai', () => {
    expect(shanghaiMinute('2025-03-08T06:05:00Z')).toBe('2025-03-08 14:05')
    expect(shanghaiDateTimeText('2025-03-08T06:05:00Z')).toBe('2025年3月8日 14:05')
  })

  it('bounds a Shanghai day by instants', () => {
    expect(startOfShanghaiDay('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z')
    expect(endOfShanghaiDay('2026-01-01').toISOString()).toBe('2026-01-01T15:59:59.999Z')
    expect(shanghaiDay(endOfShanghaiDay('2026-02-28'))).toBe('2026-02-28')
  })

  it('counts days across month and year ends', () => {
    expect(addShanghaiDays('2026-02-27', 2)).toBe('2026-03-01')
    expect(addShanghaiDays('2026-01-01', -1)).toBe('2025-12-31')
  })
})
