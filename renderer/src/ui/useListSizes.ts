import { type RefObject, useCallback, useEffect, useRef } from 'react'

/**
 * Calls `onChange` whenever `list` or one of its items changes size (a resize, items laid out only
 * once on screen with content-visibility, a font arriving) or the list is scrolled (the browser
 * moves it by itself too: scroll anchoring), in the frame after: the call never changes the layout
 * the observer is reporting on, and changes within one frame give one call.
 * Returns what to call after rendering new items, so they are watched too.
 */
export function useListSizes(list: RefObject<HTMLElement | null>, enabled: boolean, onChange: () => void): () => void {
  const watcher = useRef<{ observer: ResizeObserver; watched: Set<Element> } | null>(null)
  const watchItems = useCallback(() => {
    const current = watcher.current
    const element = list.current
    if (!current || !element) return
    // Items gone from the list are let go; observe() on an element already observed starts it over
    // (and reports it again), so only new ones are added.
    for (const item of current.watched) {
      if (item.parentElement === element) continue
      current.observer.unobserve(item)
      current.watched.delete(item)
    }
    for (const item of Array.from(element.children)) {
      if (current.watched.has(item)) continue
      current.watched.add(item)
      current.observer.observe(item)
    }
  }, [list])
  useEffect(() => {
    const element = list.current
    if (!enabled || !element || typeof ResizeObserver === 'undefined') return
    let frame = 0
    const later = () => {
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0
          onChange()
        })
    }
    const observer = new ResizeObserver(later)
    watcher.current = { observer, watched: new Set() }
    observer.observe(element)
    watchItems()
    element.addEventListener('scroll', later, { passive: true })
    return () => {
      cancelAnimationFrame(frame)
      observer.disconnect()
      element.removeEventListener('scroll', later)
      watcher.current = null
    }
  }, [list, enabled, onChange, watchItems])
  return watchItems
}
