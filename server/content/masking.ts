// Personal details residents type into public text (phones, ID numbers, room numbers) are masked when
// shown to other residents; moderators see the original.

const PHONE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g
const ID_CARD = /(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9A-Za-z])/g
// "3号楼201室", "3号201", "12栋1502", "201室": a building/room pair or an explicit 室.
const ROOM = /(\d{1,3}\s*(?:号楼|号|栋|幢)\s*)(\d{3,4})(\s*室)?|(?<!\d)(\d{3,4})(\s*室)/g

export function maskPersonalInfo(text: string): string {
  return text
    .replace(ID_CARD, (_m, head: string, tail: string) => `${head}${'*'.repeat(10)}${tail}`)
    .replace(PHONE, (_m, a: string, _b: string, c: string) => `${a}****${c}`)
    .replace(ROOM, (_m, building?: string, room?: string, shi?: string, bare?: string, bareShi?: string) =>
      building !== undefined ? `${building}${'*'.repeat(room!.length)}${shi ?? ''}` : `${'*'.repeat(bare!.length)}${bareShi}`,
    )
}

export function hasPersonalInfo(text: string): boolean {
  return maskPersonalInfo(text) !== text
}
