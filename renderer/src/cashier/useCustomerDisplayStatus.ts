import { useEffect, useState } from 'react'
import type { CustomerDisplayStatus } from '../../../shared/api.ts'

/** Where the customer display is now: asked once, then kept current from main's events. */
export function useCustomerDisplayStatus(): CustomerDisplayStatus | undefined {
  const [status, setStatus] = useState<CustomerDisplayStatus>()
  useEffect(() => {
    let current = true
    const stop = window.pos.on('customerDisplay.changed', (next) => setStatus(next))
    window.pos.getCustomerDisplayStatus().then((result) => {
      if (current && result.ok) setStatus((known) => known ?? result.value)
    })
    return () => {
      current = false
      stop()
    }
  }, [])
  return status
}
