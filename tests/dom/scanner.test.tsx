import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import type { KeyboardEventLike, ScanDetails } from '../../renderer/src/cashier/scanner.ts'
import { BarcodeScannerDetector, characterForCode, useBarcodeScanner } from '../../renderer/src/cashier/scanner.ts'

/** The injected clock: time moves only when a test says so. */
let time = 1000
const now = () => time

beforeEach(() => {
  time = 1000
})
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

/** Khmer letters as `key` for the digit row: with a Khmer layout active, nothing can be read from `key`. */
const KHMER_ON_DIGITS = 'ញគឹេរតយុឆោ'

interface Key {
  code: string
  key: string
  shiftKey?: boolean
}

/** The keys a scanner presses for `text` on a US layout, with the `key` values a Khmer layout reports for digits. */
function keysFor(text: string, layout: 'us' | 'khmer' = 'us'): Key[] {
  const shiftedDigits = ')!@#$%^&*('
  return [...text].map((character) => {
    if (/[0-9]/.test(character)) {
      const key = layout === 'khmer' ? (KHMER_ON_DIGITS[Number(character)] as string) : character
      return { code: `Digit${character}`, key }
    }
    if (/[a-z]/i.test(character))
      return { code: `Key${character.toUpperCase()}`, key: character, shiftKey: character !== character.toLowerCase() }
    if (shiftedDigits.includes(character))
      return { code: `Digit${shiftedDigits.indexOf(character)}`, key: character, shiftKey: true }
    const symbol = { '-': 'Minus', '.': 'Period', '/': 'Slash', ' ': 'Space' }[character]
    if (!symbol) throw new Error(`no key for ${character}`)
    return { code: symbol, key: character }
  })
}

const ENTER: Key = { code: 'Enter', key: 'Enter' }

function event(key: Key, extra: Partial<KeyboardEventLike> = {}): KeyboardEventLike {
  return { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, repeat: false, ...key, ...extra }
}

function detector(options: { minLength?: number; maxLength?: number } = {}) {
  const scans: Array<[string, ScanDetails]> = []
  const givenBack: string[] = []
  const scanner = new BarcodeScannerDetector({
    ...options,
    now,
    onScan: (code, details) => scans.push([code, details]),
    onAbandon: (text) => givenBack.push(text),
  })
  /** Presses `keys` `gapMs` apart; returns what handleKeyDown answered for each. */
  const press = (keys: Key[], gapMs: number, extra: Partial<KeyboardEventLike> = {}) =>
    keys.map((key) => {
      time += gapMs
      return scanner.handleKeyDown(event(key, extra))
    })
  return { scanner, scans, givenBack, press }
}

// --- The detector on its own ---------------------------------------------------------------------------

test('a fast burst of key codes with a Khmer layout active is read as the digits the scanner meant', () => {
  const { press, scans } = detector()
  const answers = press([...keysFor('8850000000011', 'khmer'), ENTER], 8)
  expect(scans).toEqual([['8850000000011', { leakedCharacters: 1, leakedText: 'ឆ' }]])
  // The first key goes through (it could be a person's), every later key of the scan is swallowed.
  expect(answers).toEqual([false, ...Array(13).fill(true)])
})

test('a person typing a code and Enter, 120 ms per key, is never taken for a scanner', () => {
  const { press, scans, givenBack } = detector()
  expect(press([...keysFor('8850000000011'), ENTER], 120).every((answer) => answer === false)).toBe(true)
  expect(scans).toEqual([])
  expect(givenBack).toEqual([])
})

test('a gap longer than maxInterKeyMs mid-sequence starts over, giving back the keys held so far', () => {
  const { press, scans, givenBack } = detector()
  press(keysFor('8850000'), 10)
  time += 36 // just past the 35 ms window
  expect(press(keysFor('0'), 0)).toEqual([false]) // let through: the first key of a new sequence
  expect(givenBack).toEqual(['850000'])
  press([...keysFor('00011'), ENTER], 10)
  expect(scans.map(([code]) => code)).toEqual(['000011']) // never the code from before the gap
})

test('a gap of exactly maxInterKeyMs still belongs to the scan', () => {
  const { press, scans } = detector()
  press([...keysFor('12345'), ENTER], 35)
  expect(scans.map(([code]) => code)).toEqual(['12345'])
})

test('letters are read from their codes, upper case with Shift, as Code 128 carries them', () => {
  const { scanner, press, scans } = detector()
  // A scanner presses Shift around each capital: the Shift keydowns themselves are ignored.
  for (const key of keysFor('AB-c12$/x.Z')) {
    time += 3
    if (key.shiftKey)
      expect(scanner.handleKeyDown(event({ code: 'ShiftLeft', key: 'Shift' }, { shiftKey: true }))).toBe(false)
    time += 3
    scanner.handleKeyDown(event(key))
  }
  press([ENTER], 3)
  expect(scans.map(([code]) => code)).toEqual(['AB-c12$/x.Z'])
})

test('a Ctrl, Alt or Meta chord ends the sequence and is let through', () => {
  for (const modifier of ['ctrlKey', 'altKey', 'metaKey'] as const) {
    const { press, scans, givenBack } = detector()
    press(keysFor('885000'), 5)
    expect(press(keysFor('v'), 5, { [modifier]: true })).toEqual([false])
    expect(givenBack).toEqual(['85000'])
    expect(press([...keysFor('11'), ENTER], 5)).toEqual([false, true, false]) // '11' alone is too short
    expect(scans).toEqual([])
  }
})

test('an auto-repeated key or a key outside the table ends the sequence', () => {
  const { press, scans } = detector()
  press(keysFor('8850'), 5)
  expect(press(keysFor('0'), 5, { repeat: true })).toEqual([false])
  press(keysFor('123'), 5)
  expect(press([{ code: 'Tab', key: 'Tab' }], 5)).toEqual([false])
  expect(press([ENTER], 5)).toEqual([false])
  expect(scans).toEqual([])
})

test('Enter alone, or after a single key, does nothing and goes through', () => {
  const { press, scans } = detector()
  expect(press([ENTER], 5)).toEqual([false])
  expect(press([{ code: 'NumpadEnter', key: 'Enter' }], 5)).toEqual([false])
  expect(press([...keysFor('7'), ENTER], 5)).toEqual([false, false])
  expect(scans).toEqual([])
})

test('codes shorter than minLength are ignored and their held keys given back', () => {
  const { press, scans, givenBack } = detector()
  expect(press([...keysFor('123'), ENTER], 5)).toEqual([false, true, true, false])
  expect(scans).toEqual([])
  expect(givenBack).toEqual(['23'])
  press([...keysFor('1234'), ENTER], 5)
  expect(scans.map(([code]) => code)).toEqual(['1234'])
})

test('codes longer than maxLength are ignored: what was held is given back and the rest goes through', () => {
  const { press, scans, givenBack } = detector({ maxLength: 8 })
  const answers = press([...keysFor('123456789'), ENTER], 5)
  expect(answers).toEqual([false, ...Array(7).fill(true), false, false])
  expect(givenBack).toEqual(['2345678'])
  expect(scans).toEqual([])
  press([...keysFor('12345678'), ENTER], 5)
  expect(scans.map(([code]) => code)).toEqual(['12345678'])
})

test('keys held back are given back once nothing has come for longer than maxInterKeyMs', () => {
  const { scanner, press, givenBack } = detector()
  press(keysFor('th'), 20) // a fast typist's rollover
  expect(scanner.holdingKeys).toBe(true)
  time += 35
  expect(scanner.expire()).toBe(false) // could still be a scan
  expect(givenBack).toEqual([])
  time += 1
  expect(scanner.expire()).toBe(true)
  expect(givenBack).toEqual(['h'])
})

test('the key table follows a US layout', () => {
  expect(characterForCode('Numpad7', false)).toBe('7')
  expect(characterForCode('Numpad7', true)).toBe('7')
  expect(characterForCode('Digit0', true)).toBe(')')
  expect(characterForCode('Digit4', true)).toBe('$')
  expect(characterForCode('KeyQ', false)).toBe('q')
  expect(characterForCode('KeyQ', true)).toBe('Q')
  expect(characterForCode('Minus', true)).toBe('_')
  expect(characterForCode('Slash', false)).toBe('/')
  expect(characterForCode('Space', true)).toBe(' ')
  expect(characterForCode('NumpadDecimal', false)).toBe('.')
  for (const code of ['Tab', 'Backspace', 'ArrowLeft', 'F1', 'IntlBackslash', 'Escape', 'KeyAA', 'Digit']) {
    expect(characterForCode(code, false)).toBeUndefined()
  }
})

// --- The hook in a real DOM ----------------------------------------------------------------------------

/**
 * Presses a key on the focused element as a browser would: a keydown, then, unless it was prevented,
 * the character typed into the focused text field through the native value setter and an input event.
 * Returns false when the keydown was prevented.
 */
function pressKey(key: Key, extra: Partial<KeyboardEventLike> = {}): boolean {
  const target = document.activeElement ?? document.body
  const delivered = fireEvent.keyDown(target, { shiftKey: false, ...key, ...extra })
  if (delivered && target instanceof HTMLInputElement && key.key.length === 1 && !extra.ctrlKey) {
    const start = target.selectionStart ?? target.value.length
    const end = target.selectionEnd ?? start
    const value = target.value.slice(0, start) + key.key + target.value.slice(end)
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(target, value)
      target.setSelectionRange(start + 1, start + 1)
      target.dispatchEvent(new Event('input', { bubbles: true }))
    })
  }
  return delivered
}

/** A scanner reading `text`, a second after whatever came before: keys 4 ms apart, then Enter. */
function scan(text: string, layout: 'us' | 'khmer' = 'us'): boolean[] {
  time += 1000
  return type([...keysFor(text, layout), ENTER], 4)
}

function type(keys: Key[], gapMs: number): boolean[] {
  return keys.map((key) => {
    time += gapMs
    return pressKey(key)
  })
}

/** A cashier screen: a search field whose value lives in React state, and a scanner. */
function Till({ onScan, enabled }: { onScan: (code: string) => void; enabled?: boolean }) {
  const [query, setQuery] = useState('')
  const [keyDowns, setKeyDowns] = useState(0)
  const [submits, setSubmits] = useState(0)
  useBarcodeScanner(onScan, { now, enabled })
  return (
    <form
      onSubmit={(submitted) => {
        submitted.preventDefault()
        setSubmits((count) => count + 1)
      }}
    >
      <input
        aria-label="Search"
        value={query}
        onChange={(changed) => setQuery(changed.target.value)}
        onKeyDown={(pressed) => {
          pressed.stopPropagation()
          setKeyDowns((count) => count + 1)
        }}
      />
      <output data-testid="state">{query}</output>
      <output data-testid="key-downs">{keyDowns}</output>
      <output data-testid="submits">{submits}</output>
    </form>
  )
}

function showTill(enabled?: boolean) {
  const onScan = vi.fn()
  const view = render(<Till onScan={onScan} enabled={enabled} />)
  const input = screen.getByRole<HTMLInputElement>('textbox', { name: 'Search' })
  return { onScan, view, input, state: () => screen.getByTestId('state').textContent }
}

test('typing into the search field goes through untouched', () => {
  const { input, onScan, state } = showTill()
  input.focus()
  expect(type(keysFor('coca 1.5'), 150)).not.toContain(false)
  expect(input.value).toBe('coca 1.5')
  expect(state()).toBe('coca 1.5')
  expect(onScan).not.toHaveBeenCalled()
})

test('a scan while the search field has the focus leaves the field as it was and reports the code once', () => {
  const { input, onScan, state } = showTill()
  input.focus()
  type(keysFor('12'), 200)
  expect(input.value).toBe('12')

  const answers = scan('8850000000011', 'khmer')
  expect(answers).toEqual([true, ...Array(13).fill(false)]) // only the first key was delivered
  expect(onScan).toHaveBeenCalledTimes(1)
  expect(onScan).toHaveBeenCalledWith('8850000000011')
  expect(input.value).toBe('12') // the leaked 'ឆ' was taken back out
  expect(state()).toBe('12') // and React's state agrees
  expect(input.selectionStart).toBe(2)
  expect(screen.getByTestId('key-downs').textContent).toBe('3') // '1', '2' and the leaked key only
  expect(screen.getByTestId('submits').textContent).toBe('0') // the scan's Enter never reached the form

  type(keysFor('x'), 200) // and typing still works afterwards
  expect(input.value).toBe('12x')
  expect(state()).toBe('12x')
})

test('a scan with the caret mid-text takes out the leaked key where it was typed', () => {
  const { input, onScan, state } = showTill()
  input.focus()
  type(keysFor('coke'), 200)
  input.setSelectionRange(2, 2)
  scan('4006381333931')
  expect(onScan).toHaveBeenCalledWith('4006381333931')
  expect(input.value).toBe('coke')
  expect(state()).toBe('coke')
  expect(input.selectionStart).toBe(2)
})

test('a fast typist’s rollover is typed back in order, before the next key', () => {
  const { input, onScan, state } = showTill()
  input.focus()
  type(keysFor('t'), 200)
  type(keysFor('h'), 20) // swallowed: it could have been a scan
  expect(input.value).toBe('t')
  type(keysFor('e'), 150)
  expect(input.value).toBe('the')
  expect(state()).toBe('the')
  expect(onScan).not.toHaveBeenCalled()
})

test('a rollover followed by silence is typed back when the timing window closes', () => {
  vi.useFakeTimers()
  const { input, state } = showTill()
  input.focus()
  type(keysFor('o'), 200)
  type(keysFor('k'), 20)
  expect(input.value).toBe('o')
  time += 36
  act(() => vi.advanceTimersByTime(36))
  expect(input.value).toBe('ok')
  expect(state()).toBe('ok')
})

test('a scan is caught wherever the focus is, including nowhere in particular', () => {
  const { onScan, input } = showTill()
  scan('8850000000011', 'khmer') // focus on the body
  for (const key of [...keysFor('ABC-1234'), ENTER]) {
    time += 4
    fireEvent.keyDown(window, { shiftKey: false, ...key })
  }
  expect(onScan.mock.calls).toEqual([['8850000000011'], ['ABC-1234']])
  expect(input.value).toBe('')
})

test('nothing is caught while disabled, and scanning resumes when enabled again', () => {
  const { onScan, view, input } = showTill(false)
  input.focus()
  expect(scan('8850000000011')).not.toContain(false)
  expect(onScan).not.toHaveBeenCalled()
  expect(input.value).toBe('8850000000011')
  view.rerender(<Till onScan={onScan} enabled />)
  scan('8850000000011')
  expect(onScan).toHaveBeenCalledWith('8850000000011')
  expect(input.value).toBe('8850000000011')
})

test('unmounting removes the capture listener', () => {
  const added = vi.spyOn(window, 'addEventListener')
  const removed = vi.spyOn(window, 'removeEventListener')
  const { onScan, view } = showTill()
  const listener = added.mock.calls.find(([type]) => type === 'keydown')
  expect(listener?.[2]).toEqual({ capture: true })
  view.unmount()
  expect(removed).toHaveBeenCalledWith('keydown', listener?.[1], { capture: true })
  expect(scan('8850000000011')).not.toContain(false)
  expect(onScan).not.toHaveBeenCalled()
  added.mockRestore()
  removed.mockRestore()
})
