import { useEffect, useState } from 'react'

/** Whole seconds left until `expiresAt` (epoch ms), ticking; 0 once it has passed. Restarts for a new expiry. */
export function useSecondsLeft(expiresAt: number): number {
  const left = () => Math.max(0, Math.ceil((expiresAt - Date.now()) / 1000))
  const [seconds, setSeconds] = useState(left)
  // biome-ignore lint/correctness/useExhaustiveDependencies: restarts for each expiry.
  useEffect(() => {
    setSeconds(left())
    const timer = setInterval(() => setSeconds(left()), 250)
    return () => clearInterval(timer)
  }, [expiresAt])
  return seconds
}

/** 4:05, for countdowns. */
export function minutesAndSeconds(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}
