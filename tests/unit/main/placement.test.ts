import { describe, expect, test } from 'vitest'
import { type DisplayInfo, placeCustomerDisplay } from '../../../electron/main/placement.ts'

function display(id: number, x: number, y: number, width: number, height: number): DisplayInfo {
  return { id, bounds: { x, y, width, height }, workArea: { x, y: y + 30, width, height: height - 70 } }
}

describe('where the customer display goes', () => {
  const laptop = display(1, 0, 0, 1366, 768)
  const left = display(2, -1920, 0, 1920, 1080)
  const above = display(3, 0, -800, 1280, 800)

  test('fullscreen on the first display that is not the primary, wherever it sits', () => {
    expect(placeCustomerDisplay([left, laptop], 1)).toEqual({
      fullscreen: true,
      status: {
        placement: 'second-screen',
        displayId: 2,
        bounds: left.bounds,
        displayCount: 2,
        displays: [
          { id: 2, label: '', width: 1920, height: 1080, primary: false },
          { id: 1, label: '', width: 1366, height: 768, primary: true },
        ],
        chosenId: null,
        chosenMissing: false,
      },
    })
    expect(placeCustomerDisplay([laptop, above], 1).status).toMatchObject({ displayId: 3, bounds: above.bounds })
  })

  test('on the chosen display when it is attached, else on another secondary, and it says so', () => {
    expect(placeCustomerDisplay([laptop, left, above], 1, 3).status).toMatchObject({
      displayId: 3,
      chosenId: 3,
      chosenMissing: false,
    })
    expect(placeCustomerDisplay([laptop, left], 1, 3).status).toMatchObject({
      displayId: 2,
      chosenId: 3,
      chosenMissing: true,
    })
    expect(placeCustomerDisplay([laptop, left], 1, 1).status).toMatchObject({ displayId: 2, chosenMissing: true })
    expect(placeCustomerDisplay([laptop, { ...left, label: 'DELL P2422H' }], 1).status.displays[1]?.label).toBe(
      'DELL P2422H',
    )
  })

  test('with one display: a window at the right of the work area, never over the taskbar, and it says so', () => {
    expect(placeCustomerDisplay([laptop], 1)).toEqual({
      fullscreen: false,
      status: {
        placement: 'cashier-screen',
        displayId: 1,
        bounds: { x: 683, y: 79, width: 683, height: 600 },
        displayCount: 1,
        displays: [{ id: 1, label: '', width: 1366, height: 768, primary: true }],
        chosenId: null,
        chosenMissing: false,
      },
    })
    const tiny = display(9, 0, 0, 1024, 600)
    expect(placeCustomerDisplay([tiny], 9).status.bounds).toEqual({ x: 512, y: 30, width: 512, height: 530 })
  })

  test('a primary id that is not attached falls back to the first display; no display is an error', () => {
    expect(placeCustomerDisplay([laptop, left], 42).status.displayId).toBe(2)
    expect(() => placeCustomerDisplay([], 1)).toThrow('No display')
  })
})
