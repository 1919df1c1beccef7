/** Every error the API returns has this shape; `message` is Chinese and meant for the resident. */
export interface ApiError {
  error: {
    code: string
    message: string
    /** The request field at fault, when one is. */
    field?: string
    /** Extra machine-readable detail (e.g. allowed transitions). */
    details?: unknown
  }
}

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface Health {
  ok: boolean
  database: 'up' | 'down'
  dialect: 'sqlite' | 'postgres'
}
