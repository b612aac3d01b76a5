import { useCallback, useLayoutEffect, useRef, useState } from 'react'
import { useListSizes } from '../ui/useListSizes.ts'

/**
 * The customer's cart shows only lines that fit whole, newest at the bottom: the list is aligned to
 * its bottom edge and the lines that would be cut at its top are not drawn, so no price is ever half
 * drawn (a half-drawn "៛5,500" under "$1.34" reads as a line costing $1.34). Nobody scrolls this
 * screen; instead `marker` (above the list) says how many lines are not shown.
 *
 * Measured in the same frame as every change to the cart, and again whenever a size in the list
 * changes (the QR coming up narrows the list, the display turned, a font arriving). Returns how
 * many of the drawn lines are cut.
 */
export function useWholeLines(cart: unknown, alwaysMarked: boolean) {
  const list = useRef<HTMLOListElement>(null)
  const marker = useRef<HTMLParagraphElement>(null)
  const [linesCut, setLinesCut] = useState(0)
  const fitWholeLines = useCallback(() => {
    const element = list.current
    const earlier = marker.current
    if (!element || !earlier) return
    const rows = Array.from(element.children) as HTMLElement[]
    // Cut lines keep their place (they are only not drawn), so one reading of the layout says which
    // lines are cut; only showing or hiding the marker moves them.
    const cutAtTop = () => {
      const top = element.getBoundingClientRect().top
      const cut = rows.findIndex((row) => row.getBoundingClientRect().top >= top - 0.5)
      return cut === -1 ? rows.length : cut
    }
    let cut = cutAtTop()
    if (cut > 0 && earlier.hidden) {
      earlier.hidden = false
      cut = cutAtTop()
    } else if (!earlier.hidden && !alwaysMarked) {
      // The marker's own line may be all that cuts a line: without it, does every line fit?
      earlier.hidden = true
      const without = cutAtTop()
      if (without === 0) cut = 0
      else earlier.hidden = false
    }
    rows.forEach((row, index) => {
      row.toggleAttribute('data-cut', index < cut)
    })
    setLinesCut(cut)
  }, [alwaysMarked])
  const watchLines = useListSizes(list, true, fitWholeLines)
  useLayoutEffect(() => {
    void cart
    watchLines()
    fitWholeLines()
  }, [cart, watchLines, fitWholeLines])
  return { list, marker, linesCut }
}
