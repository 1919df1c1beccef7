// Personal details residents type into public text (phones, ID numbers, room numbers) are masked when
// shown to other residents; moderators see the original.

// Mobiles, optionally +86 / 86, written in one run or in 3-4-4 groups split by spaces or dashes.
const MOBILE = /(?<![\d+])((?:\+?86[\s-]?)?)(1[3-9]\d[\s-]?\d{4}[\s-]?\d{4})(?![\d-])/g
// Landlines with an area code: 021-62345678, (021)62345678, （021）6234 5678, 0571 8765 4321.
const LANDLINE = /(?<![\d-])(\(0\d{2,3}\)\s*|（0\d{2,3}）\s*|0\d{2,3}[\s-]?)([2-9]\d{2,3}[\s-]?\d{4})(?![\d-])/g
// A local number without its area code only where the text says it is a phone: "电话 62345678".
const LOCAL = /((?:电话|座机|固话|手机|联系|致电|拨打|热线|[Tt][Ee][Ll])[^\d\n]{0,6}?)([2-9]\d{2,3}[\s-]?\d{4})(?![\d-])/g
const ID_CARD = /(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9A-Za-z])/g
// "3号楼201室", "3号201", "12栋1502", "201室": a building/room pair or an explicit 室.
const ROOM = /(\d{1,3}\s*(?:号楼|号|栋|幢)\s*)(\d{3,4})(\s*室)?|(?<!\d)(\d{3,4})(\s*室)/g

/** Stars for the digits of `number` between the first `keep` and the last four, separators kept. */
function starDigits(number: string, keep: number): string {
  const digits = number.replace(/\D/g, '').length
  let seen = 0
  return number.replace(/\d/g, (d) => (++seen > keep && seen <= digits - 4 ? '*' : d))
}

export function maskPersonalInfo(text: string): string {
  return text
    .replace(ID_CARD, (_m, head: string, tail: string) => `${head}${'*'.repeat(10)}${tail}`)
    .replace(MOBILE, (_m, prefix: string, number: string) => `${prefix}${starDigits(number, 3)}`)
    .replace(LANDLINE, (_m, area: string, number: string) => `${area}${starDigits(number, 0)}`)
    .replace(LOCAL, (_m, context: string, number: string) => `${context}${starDigits(number, 0)}`)
    .replace(ROOM, (_m, building?: string, room?: string, shi?: string, bare?: string, bareShi?: string) =>
      building !== undefined ? `${building}${'*'.repeat(room!.length)}${shi ?? ''}` : `${'*'.repeat(bare!.length)}${bareShi}`,
    )
}

export function hasPersonalInfo(text: string): boolean {
  return maskPersonalInfo(text) !== text
}
