import { useEffect } from 'react'

/**
 * Two rising tones, half a second in all: the "money received" sound of the bank soundboxes shops
 * already use. Made with Web Audio, so there is no sound file to ship. The customer window is allowed
 * to play sound without a click (electron/main/windows.ts sets its autoplay policy).
 */
export function playChime(): void {
  const Context = window.AudioContext
  if (!Context) return
  const context = new Context()
  const start = context.currentTime
  for (const [offset, frequency] of [
    [0, 880],
    [0.18, 1318.5],
  ] as const) {
    const tone = context.createOscillator()
    const loudness = context.createGain()
    tone.type = 'sine'
    tone.frequency.value = frequency
    loudness.gain.setValueAtTime(0.0001, start + offset)
    loudness.gain.exponentialRampToValueAtTime(0.35, start + offset + 0.02)
    loudness.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.32)
    tone.connect(loudness).connect(context.destination)
    tone.start(start + offset)
    tone.stop(start + offset + 0.34)
  }
  setTimeout(() => void context.close(), 800)
}

/** Plays the chime once when the PAID screen for a KHQR payment appears. */
export function useChime(play: boolean): void {
  useEffect(() => {
    if (play) playChime()
  }, [play])
}
