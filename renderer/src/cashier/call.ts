import { useCallback } from 'react'
import type { PosFailure, PosResult } from '../../../shared/api.ts'

/** Runs a PosApi call; a failure is shown to the cashier in their language, never thrown. */
export type Call = <T>(run: () => Promise<PosResult<T>>) => Promise<T | undefined>

export function useCall(setError: (message: string | null) => void, explain: (failure: PosFailure) => string): Call {
  return useCallback(
    async <T>(run: () => Promise<PosResult<T>>) => {
      const result = await run()
      if (result.ok) {
        setError(null)
        return result.value
      }
      setError(explain(result.error))
      return undefined
    },
    [setError, explain],
  )
}
