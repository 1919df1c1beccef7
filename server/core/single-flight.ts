// Concurrent asks for the same thing share one read. A mini-program's page opens with several requests
// on one session at once, and each found the account not yet kept and read it again: on PostgreSQL, four
// reads of one account where one would do.

export class SingleFlight<T> {
  private flights = new Map<string, Promise<T>>()

  /** The read under way for `key`, or `load`'s, which later asks share until it settles. */
  run(key: string, load: () => Promise<T>): Promise<T> {
    const flying = this.flights.get(key)
    if (flying) return flying
    const flight = load().finally(() => {
      if (this.flights.get(key) === flight) this.flights.delete(key)
    })
    this.flights.set(key, flight)
    return flight
  }

  /** After a change: asks from now on read afresh rather than share a read begun before it. */
  forget(): void {
    this.flights.clear()
  }
}
