import { startOfShanghaiDay } from '@yishi/types/time'

// The app's one addition to the shared Shanghai time module (types/time.ts): a wall-clock time picked
// on a day, as the instant the API takes. A phone set to another zone still means Shanghai's clock.

/** The instant of `time` ('HH:mm' or 'HH:mm:ss') on the Shanghai day `day` ('YYYY-MM-DD'). */
export function shanghaiInstant(day: string, time: string): Date {
  const [h, m, s = 0] = time.split(':').map(Number)
  return new Date(startOfShanghaiDay(day).getTime() + ((h * 60 + m) * 60 + s) * 1000)
}
