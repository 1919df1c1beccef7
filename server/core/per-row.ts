/**
 * `derive(row)`, worked out once per row object. Kept rows (the proposals' shared lists and pages) serve
 * every request for seconds: what depends on the row alone (a masked title, its parsed photo ids) need
 * not be worked out again for each caller. Rows read afresh are new objects and derive afresh.
 */
export function perRow<R extends object, T>(derive: (row: R) => T): (row: R) => T {
  const derived = new WeakMap<R, T>()
  return (row) => {
    if (derived.has(row)) return derived.get(row) as T
    const value = derive(row)
    derived.set(row, value)
    return value
  }
}
