import { useCallback, useLayoutEffect, useRef, useState } from 'react'
import { useListSizes } from '../ui/useListSizes.ts'

/**
 * The customer's cart shows only lines that fit whole, newest at the bottom: the list is aligned to
 * its bottom edge and the lines that would be cut at its top are hidden, so no price is ever half
 * drawn (a half-drawn "៛5,500" under "$1.34" reads as a line costing $1.34). Nobody scrolls this
 * screen; instead `marker` (above the list) says how many lines are not shown.
 *
 * Measured in the same frame as every change to the cart, and again whenever a size in the list
 * changes (the QR coming up narrows the list, the display turned, a font arriving). Returns how
 * many of the drawn lines are hidden.
 */
export function useWholeLines(cart: unknown, alwaysMarked: boolean) {
  const list = useRef<HTMLOListElement>(null)
  const marker = useRef<HTMLParagraphElement>(null)
  const [hidden, setHidden] = useState(0)
  const fitWholeLines = useCallback(() => {
    const element = list.current
    if (!element) return
    const rows = Array.from(element.children) as HTMLElement[]
    const cutAtTop = () => {
      for (const row of rows) row.hidden = false
      const top = element.getBoundingClientRect().top
      const cut = rows.findIndex((row) => row.getBoundingClientRect().top >= top - 0.5)
      return cut === -1 ? rows.length : cut
    }
    if (marker.current) marker.current.hidden = !alwaysMarked
    let cut = cutAtTop()
    // The marker takes a line of its own: once lines are hidden it is shown, and measured with.
    if (cut > 0 && marker.current?.hidden) {
      marker.current.hidden = false
      cut = cutAtTop()
    }
    rows.forEach((row, index) => {
      row.hidden = index < cut
    })
    setHidden(cut)
  }, [alwaysMarked])
  const watchLines = useListSizes(list, true, fitWholeLines)
  useLayoutEffect(() => {
    void cart
    watchLines()
    fitWholeLines()
  }, [cart, watchLines, fitWholeLines])
  return { list, marker, hidden }
}
