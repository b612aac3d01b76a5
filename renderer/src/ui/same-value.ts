/**
 * Whether two values received from main show the same thing: equal primitives, or objects and
 * arrays with the same keys holding the same values, at any depth. Each event brings new objects,
 * so a memoised row compares what it shows, not which object it got; without a JSON string of both.
 * For plain JSON values, as main sends them: a Date, Map or Set has no own keys to compare.
 */
export function sameValue(before: unknown, after: unknown): boolean {
  if (before === after) return true
  if (typeof before !== 'object' || typeof after !== 'object' || before === null || after === null) return false
  if (Array.isArray(before) !== Array.isArray(after)) return false
  const beforeKeys = Object.keys(before)
  if (beforeKeys.length !== Object.keys(after).length) return false
  return beforeKeys.every(
    (key) =>
      Object.hasOwn(after, key) &&
      sameValue((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key]),
  )
}
