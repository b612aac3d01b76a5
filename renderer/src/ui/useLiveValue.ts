import { useEffect, useState } from 'react'
import type { PosEventName, PosEvents, PosResult } from '../../../shared/api.ts'

/**
 * A value main keeps current: asked for once, then replaced by every `event` main sends. An event
 * that arrives before the first answer wins over it. Undefined until one of them arrives.
 */
export function useLiveValue<E extends PosEventName>(
  event: E,
  ask: () => Promise<PosResult<PosEvents[E] | null>>,
): PosEvents[E] | null | undefined {
  const [value, setValue] = useState<PosEvents[E] | null>()
  // biome-ignore lint/correctness/useExhaustiveDependencies: subscribed once per mount, like a page load.
  useEffect(() => {
    let current = true
    const stop = window.pos.on(event, (next) => setValue(next))
    ask().then((result) => {
      if (current && result.ok) setValue((known) => known ?? result.value)
    })
    return () => {
      current = false
      stop()
    }
  }, [])
  return value
}
