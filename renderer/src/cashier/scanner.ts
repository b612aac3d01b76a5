import { useEffect, useRef } from 'react'

/**
 * Keyboard-wedge barcode scanners: a USB scanner is a keyboard that types the code as a burst of very
 * fast key presses followed by Enter. This file tells such a burst from a person typing, whatever the
 * keyboard layout and wherever the focus is.
 *
 * Layout: a scanner presses physical keys as if the layout were US English. With the Khmer layout
 * active, the scanner's `Digit8` arrives with `key` 'ឆ' or '៨', so the code is read from the physical
 * `code` of each key and never from `key`. The table (US layout, which is what scanners emulate):
 *
 *   code                      plain        with Shift
 *   Digit0 … Digit9           0 … 9        ) ! @ # $ % ^ & * (
 *   Numpad0 … Numpad9         0 … 9        0 … 9
 *   KeyA … KeyZ               a … z        A … Z
 *   Minus  Equal              -  =         _  +
 *   BracketLeft BracketRight  [  ]         {  }
 *   Backslash                 \            |
 *   Semicolon  Quote          ;  '         :  "
 *   Comma  Period  Slash      ,  .  /      <  >  ?
 *   Backquote                 `            ~
 *   Space                     (space)      (space)
 *   NumpadDecimal NumpadAdd NumpadSubtract NumpadMultiply NumpadDivide   .  +  -  *  /   (Shift ignored)
 *   Enter, NumpadEnter        end of the code
 *   ShiftLeft, ShiftRight     ignored (a scanner presses Shift for upper case letters)
 *
 * Shift is read from the event (`shiftKey`), not from Caps Lock: the scanner's intent is what counts.
 * Any other key, a Ctrl/Alt/Meta chord or an auto-repeated key ends the burst: it is not a scan.
 *
 * Deciding "scanner": a scan is a sequence of table keys ending in Enter where every gap between two
 * keys (Enter included) is at most `maxInterKeyMs`, and whose length is within [minLength, maxLength].
 *
 * The first key leaks. Nothing tells a scanner's first key from a person's, so the first key of a
 * sequence is always let through (`handleKeyDown` returns false) and types into whatever has the focus.
 * Only from the second key on, and only when it came within `maxInterKeyMs` of the one before, are keys
 * swallowed (`handleKeyDown` returns true: the caller calls preventDefault). When the scan completes,
 * `onScan` is told what leaked (`leakedCharacters`, normally 1, and `leakedText`, what those keys typed
 * in the active layout) so the caller can take it back out of the text field.
 *
 * Nothing a person types is lost. A fast typist's rollover can put two keys within `maxInterKeyMs`, so
 * keys may be swallowed and then turn out not to be a scan (a slow key follows, another key, a chord, an
 * Enter that ends a code too short, a code running past `maxLength`, or silence: see `expire`). Then
 * `onAbandon` gets back the text of the swallowed keys, in order, before the key that ended the burst
 * is let through, so the caller can type it into the focused field where the browser would have.
 */

/** The parts of a DOM KeyboardEvent the detector reads. */
export interface KeyboardEventLike {
  code: string
  key: string
  shiftKey: boolean
  ctrlKey: boolean
  altKey: boolean
  metaKey: boolean
  repeat: boolean
}

export interface ScanDetails {
  /** How many keys of the scan were let through to the focused element: normally 1 (the first key). */
  leakedCharacters: number
  /** What those keys typed in the active layout (their `key` values, e.g. 'ឆ' for `Digit8` in Khmer). */
  leakedText: string
}

export interface BarcodeScannerOptions {
  /** A completed scan: the code as the scanner meant it (US layout), and what leaked before it was known. */
  onScan(code: string, details: ScanDetails): void
  /** Keys that were swallowed but were not a scan, as the layout would have typed them (may be ''). */
  onAbandon?(swallowedText: string): void
  /** Longest gap between two keys of a scan, in ms. Default 35. */
  maxInterKeyMs?: number
  /** Shortest code, Enter excluded. Default 4. */
  minLength?: number
  /** Longest code, Enter excluded. Default 64. */
  maxLength?: number
  /** The clock, in ms. Default performance.now(). */
  now?: () => number
}

const SHIFTED_DIGITS = ')!@#$%^&*('

/** [plain, with Shift] for the symbol keys of a US layout. */
const SYMBOLS: Readonly<Record<string, readonly [string, string]>> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Backquote: ['`', '~'],
  Space: [' ', ' '],
  NumpadDecimal: ['.', '.'],
  NumpadAdd: ['+', '+'],
  NumpadSubtract: ['-', '-'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
}

/** The character a scanner means by the physical key `code`, or undefined for a key outside the table. */
export function characterForCode(code: string, shiftKey: boolean): string | undefined {
  const digit = /^(Digit|Numpad)([0-9])$/.exec(code)
  if (digit) {
    const value = digit[2] as string
    return digit[1] === 'Digit' && shiftKey ? SHIFTED_DIGITS[Number(value)] : value
  }
  const letter = /^Key([A-Z])$/.exec(code)
  if (letter) {
    const upper = letter[1] as string
    return shiftKey ? upper : upper.toLowerCase()
  }
  const symbol = SYMBOLS[code]
  return symbol ? symbol[shiftKey ? 1 : 0] : undefined
}

/** What a key types in the active layout: its `key` when that is text, '' for named keys like 'Unidentified'. */
function typedText(key: string): string {
  // Named key values ('Enter', 'Dead', 'Unidentified', …) are several ASCII letters; text is anything else.
  return key.length === 1 || /[^\x20-\x7e]/.test(key) ? key : ''
}

function isEnter(code: string): boolean {
  return code === 'Enter' || code === 'NumpadEnter'
}

export class BarcodeScannerDetector {
  readonly #onScan: BarcodeScannerOptions['onScan']
  readonly #onAbandon: (swallowedText: string) => void
  readonly #maxInterKeyMs: number
  readonly #minLength: number
  readonly #maxLength: number
  readonly #now: () => number

  /** The code so far, as the scanner means it. */
  #code = ''
  /** Keys let through since the sequence began, and what they typed. */
  #leakedKeys = 0
  #leakedText = ''
  /** Keys swallowed since the sequence began, and what they would have typed. */
  #swallowedKeys = 0
  #swallowedText = ''
  /** The sequence ran past maxLength: its remaining fast keys pass through untouched. */
  #overflowed = false
  /** When the last key of the sequence came; undefined when there is no sequence. */
  #lastKeyAt: number | undefined

  constructor(options: BarcodeScannerOptions) {
    this.#onScan = options.onScan
    this.#onAbandon = options.onAbandon ?? (() => {})
    this.#maxInterKeyMs = options.maxInterKeyMs ?? 35
    this.#minLength = options.minLength ?? 4
    this.#maxLength = options.maxLength ?? 64
    this.#now = options.now ?? (() => performance.now())
  }

  /** Keys are being held back: the caller should call `expire` once `maxInterKeyMs` has passed. */
  get holdingKeys(): boolean {
    return this.#swallowedKeys > 0
  }

  /**
   * Feeds one keydown. True when the key belongs to a scan and must not reach the page (preventDefault);
   * false when it must go through as usual (a person typing, or the first key of what may be a scan).
   */
  handleKeyDown(event: KeyboardEventLike): boolean {
    if (event.code === 'ShiftLeft' || event.code === 'ShiftRight') return false
    const at = this.#now()
    const elapsed = this.#lastKeyAt === undefined ? Number.NaN : at - this.#lastKeyAt
    const fast = elapsed >= 0 && elapsed <= this.#maxInterKeyMs

    if (event.ctrlKey || event.altKey || event.metaKey || event.repeat) {
      this.#abandon()
      return false
    }

    if (isEnter(event.code)) {
      const code = this.#code
      if (fast && !this.#overflowed && code.length >= this.#minLength && code.length <= this.#maxLength) {
        const details = { leakedCharacters: this.#leakedKeys, leakedText: this.#leakedText }
        this.#clear()
        this.#onScan(code, details)
        return true
      }
      this.#abandon()
      return false
    }

    const character = characterForCode(event.code, event.shiftKey)
    if (character === undefined) {
      this.#abandon()
      return false
    }

    if (!fast) {
      // A new sequence: its first key goes through, since it may as well be a person's.
      this.#abandon()
      this.#code = character
      this.#leakedKeys = 1
      this.#leakedText = typedText(event.key)
      this.#lastKeyAt = at
      return false
    }

    this.#lastKeyAt = at
    if (this.#overflowed) return false
    if (this.#code.length >= this.#maxLength) {
      // Longer than any code we accept: give back what was held and let the rest through as typing.
      this.#giveBack()
      this.#overflowed = true
      return false
    }
    this.#code += character
    this.#swallowedKeys += 1
    this.#swallowedText += typedText(event.key)
    return true
  }

  /**
   * To call when no key has come for a while: if the last key is more than `maxInterKeyMs` old, the
   * sequence cannot become a scan any more and the keys held back are given back (`onAbandon`).
   * Returns true when nothing is held back any more.
   */
  expire(): boolean {
    if (this.#lastKeyAt !== undefined) {
      const elapsed = this.#now() - this.#lastKeyAt
      if (!(elapsed >= 0 && elapsed <= this.#maxInterKeyMs)) this.#abandon()
    }
    return !this.holdingKeys
  }

  /** Ends the current sequence, giving back any keys held (`onAbandon`). */
  cancel(): void {
    this.#abandon()
  }

  /** Ends the held part of the sequence and hands its keys back; the sequence itself goes on. */
  #giveBack(): void {
    const held = this.#swallowedKeys > 0
    const text = this.#swallowedText
    this.#code = ''
    this.#swallowedKeys = 0
    this.#swallowedText = ''
    if (held) this.#onAbandon(text)
  }

  /** Ends the sequence, handing back the keys it held. */
  #abandon(): void {
    const held = this.#swallowedKeys > 0
    const text = this.#swallowedText
    this.#clear()
    if (held) this.#onAbandon(text)
  }

  #clear(): void {
    this.#code = ''
    this.#leakedKeys = 0
    this.#leakedText = ''
    this.#swallowedKeys = 0
    this.#swallowedText = ''
    this.#overflowed = false
    this.#lastKeyAt = undefined
  }
}

export interface UseBarcodeScannerOptions {
  /** False to stop listening (the listener is removed). Default true. */
  enabled?: boolean
  maxInterKeyMs?: number
  minLength?: number
  maxLength?: number
  now?: () => number
}

type TextField = HTMLInputElement | HTMLTextAreaElement

/** Input types that hold typed text. */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number'])

function focusedTextField(): TextField | undefined {
  const element = document.activeElement
  if (element instanceof HTMLTextAreaElement) return element
  if (element instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(element.type)) return element
  return undefined
}

/**
 * Puts `value` into the field the way typing does, so React's onChange sees it: through the prototype's
 * value setter (React watches the element's own one) and an `input` event. Keeps the caret at `caret`.
 * Returns false, changing nothing, when the field refuses the value (a number field sanitises it away).
 */
function setFieldValue(field: TextField, value: string, caret: number | undefined): boolean {
  const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype
  const setValue = Object.getOwnPropertyDescriptor(prototype, 'value')?.set
  if (!setValue) return false
  const before = field.value
  setValue.call(field, value)
  if (field.value !== value) {
    setValue.call(field, before)
    return false
  }
  if (caret !== undefined) field.setSelectionRange(caret, caret)
  field.dispatchEvent(new Event('input', { bubbles: true }))
  return true
}

/** Takes `text` back out of the focused field when it sits just before the caret (the leaked first key). */
function removeLeakedText(text: string): void {
  const field = focusedTextField()
  if (!field || text === '') return
  const caret = field.selectionStart // null for types without a caret, like number: the text was typed at the end
  const end = caret ?? field.value.length
  const start = end - text.length
  if (start < 0 || field.value.slice(start, end) !== text) return // not what leaked (refused, or changed): leave it
  setFieldValue(field, field.value.slice(0, start) + field.value.slice(end), caret === null ? undefined : start)
}

/** Types `text` into the focused field at the caret, as the swallowed keys would have. */
function giveBackText(text: string): void {
  const field = focusedTextField()
  if (!field || text === '') return
  const start = field.selectionStart
  const end = field.selectionEnd
  if (start === null || end === null) {
    setFieldValue(field, field.value + text, undefined)
    return
  }
  setFieldValue(field, field.value.slice(0, start) + text + field.value.slice(end), start + text.length)
}

/**
 * Calls `onScan` with every barcode a keyboard-wedge scanner types into this window, wherever the focus
 * is: the listener sits on `window` in the capture phase, so it sees keys before any element (even an
 * input that stops propagation) and keeps the scan's keys from reaching the page. If the focus is in a
 * text field when the scan completes, the scan's first key, which had to be let through (see
 * BarcodeScannerDetector), is taken back out of it, so the field ends as it was before the scan.
 * Keys held back that turn out not to be a scan are typed back into the focused text field.
 */
export function useBarcodeScanner(onScan: (code: string) => void, options: UseBarcodeScannerOptions = {}): void {
  const { enabled = true, maxInterKeyMs = 35, minLength, maxLength, now } = options
  // The latest callbacks, read at the time of the scan: a re-render (the leaked key re-renders a
  // controlled input) must not restart the detector in the middle of a scan.
  const onScanRef = useRef(onScan)
  const nowRef = useRef(now)
  onScanRef.current = onScan
  nowRef.current = now

  useEffect(() => {
    if (!enabled) return
    const detector = new BarcodeScannerDetector({
      maxInterKeyMs,
      minLength,
      maxLength,
      now: () => (nowRef.current ?? (() => performance.now()))(),
      onScan: (code, { leakedText }) => {
        removeLeakedText(leakedText)
        onScanRef.current(code)
      },
      onAbandon: giveBackText,
    })
    let timer: ReturnType<typeof setTimeout> | undefined
    const checkIdle = () => {
      timer = detector.expire() ? undefined : setTimeout(checkIdle, maxInterKeyMs + 1)
    }
    const onKeyDown = (event: KeyboardEvent) => {
      const swallowed = detector.handleKeyDown(event)
      if (swallowed) {
        event.preventDefault()
        event.stopPropagation()
      }
      clearTimeout(timer)
      timer = detector.holdingKeys ? setTimeout(checkIdle, maxInterKeyMs + 1) : undefined
    }
    window.addEventListener('keydown', onKeyDown, { capture: true })
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true })
      clearTimeout(timer)
      detector.cancel()
    }
  }, [enabled, maxInterKeyMs, minLength, maxLength])
}
