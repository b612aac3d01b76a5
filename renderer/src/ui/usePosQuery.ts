import { useEffect, useState } from 'react'
import type { PosFailure, PosResult } from '../../../shared/api.ts'

export type Query<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; error: PosFailure }

/** Asks the POS once when the component mounts; the answer, a failure, or still loading. */
export function usePosQuery<T>(ask: () => Promise<PosResult<T>>): Query<T> {
  const [query, setQuery] = useState<Query<T>>({ status: 'loading' })
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked once per mount, like a page load.
  useEffect(() => {
    let current = true
    // A bridge that throws instead of answering is a failure to show, not a crash of the screen.
    Promise.resolve()
      .then(ask)
      .then(
        (result) => {
          if (current)
            setQuery(result.ok ? { status: 'ready', value: result.value } : { status: 'failed', error: result.error })
        },
        (error: unknown) => {
          if (current) setQuery({ status: 'failed', error: { code: 'internal_error', message: String(error) } })
        },
      )
    return () => {
      current = false
    }
  }, [])
  return query
}
