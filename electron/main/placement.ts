import type { CustomerDisplayStatus, DisplayChoice, Rect } from '../../shared/api.ts'

/** What main needs to know of a display (a subset of Electron's Display). */
export interface DisplayInfo {
  id: number
  label?: string
  bounds: Rect
  workArea: Rect
}

export interface CustomerPlacement {
  status: CustomerDisplayStatus
  /** Fullscreen and frameless on a monitor of its own; an ordinary window on the cashier's screen. */
  fullscreen: boolean
}

/** Size of the customer window when it has to share the cashier's screen. */
const SHARED_SIZE = { width: 800, height: 600 }

function choiceOf(display: DisplayInfo, primary: boolean): DisplayChoice {
  return {
    id: display.id,
    label: display.label ?? '',
    width: display.bounds.width,
    height: display.bounds.height,
    primary,
  }
}

/**
 * Where the customer-facing window goes: fullscreen on the preferred display when it is attached,
 * else on the first display that is not the primary (the cashier's); with a single display, a
 * window at the right of the cashier's screen, and the status says so.
 */
export function placeCustomerDisplay(
  displays: readonly DisplayInfo[],
  primaryId: number,
  preferredId?: number | null,
): CustomerPlacement {
  const primary = displays.find((display) => display.id === primaryId) ?? displays[0]
  if (!primary) throw new Error('No display is attached.')
  const others = displays.filter((display) => display.id !== primary.id)
  const chosen = others.find((display) => display.id === preferredId)
  const choice = {
    displayCount: displays.length,
    displays: displays.map((display) => choiceOf(display, display.id === primary.id)),
    chosenId: preferredId ?? null,
    chosenMissing: preferredId != null && !chosen,
  }
  const external = chosen ?? others[0]
  if (external) {
    return {
      fullscreen: true,
      status: { placement: 'second-screen', displayId: external.id, bounds: { ...external.bounds }, ...choice },
    }
  }
  const area = primary.workArea
  const width = Math.min(SHARED_SIZE.width, Math.floor(area.width / 2))
  const height = Math.min(SHARED_SIZE.height, area.height)
  return {
    fullscreen: false,
    status: {
      placement: 'cashier-screen',
      displayId: primary.id,
      bounds: { x: area.x + area.width - width, y: area.y + Math.floor((area.height - height) / 2), width, height },
      ...choice,
    },
  }
}
