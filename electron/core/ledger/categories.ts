import type { CategoryView } from '../../../shared/views.ts'
import { PosError } from '../errors.ts'
import { uuidv7 } from '../ids.ts'
import type { LedgerContext } from './context.ts'

type Actor = { userId: string; approverId: string; reason: string }

interface CategoryRow {
  id: string
  name_en: string
  name_km: string
  position: number
}

function ordered(context: LedgerContext): CategoryRow[] {
  return context.db.prepare('SELECT * FROM categories ORDER BY position, name_en').all() as CategoryRow[]
}

const view = (row: CategoryRow): CategoryView => ({ id: row.id, nameEn: row.name_en, nameKm: row.name_km })

/** A category added (at the end) or renamed, audited with before and after. */
export function saveCategory(
  context: LedgerContext,
  input: { nameEn: string; nameKm: string },
  id: string | null,
  actor: Actor,
): CategoryView {
  const now = context.now()
  return context.db.transaction(() => {
    const rows = ordered(context)
    const before = id === null ? null : (rows.find((row) => row.id === id) ?? null)
    if (id !== null && !before) throw new PosError('category_unknown', 'There is no such category.')
    const taken = rows.find((row) => row.id !== id && row.name_en.toLowerCase() === input.nameEn.toLowerCase())
    if (taken) throw new PosError('category_name_taken', `There is already a category called ${input.nameEn}.`)
    const saved = id ?? uuidv7(now)
    if (before)
      context.db
        .prepare('UPDATE categories SET name_en = ?, name_km = ? WHERE id = ?')
        .run(input.nameEn, input.nameKm, saved)
    else
      context.db
        .prepare('INSERT INTO categories (id, name_en, name_km, position) VALUES (?, ?, ?, ?)')
        .run(saved, input.nameEn, input.nameKm, rows.length)
    context.journal.audit(
      {
        userId: actor.userId,
        approverId: actor.approverId,
        action: before ? 'category.renamed' : 'category.added',
        objectType: 'category',
        objectId: saved,
        detail: { before: before ? view(before) : null, after: input, reason: actor.reason },
      },
      now,
    )
    return { id: saved, ...input }
  })()
}

/** Moves a category one place up or down the tabs the cashier sees; the order is renumbered 0, 1, 2… */
export function moveCategory(
  context: LedgerContext,
  id: string,
  direction: 'up' | 'down',
  actor: Actor,
): CategoryView[] {
  const now = context.now()
  return context.db.transaction(() => {
    const rows = ordered(context)
    const at = rows.findIndex((row) => row.id === id)
    if (at < 0) throw new PosError('category_unknown', 'There is no such category.')
    const to = direction === 'up' ? at - 1 : at + 1
    if (to >= 0 && to < rows.length) [rows[at], rows[to]] = [rows[to] as CategoryRow, rows[at] as CategoryRow]
    const place = context.db.prepare('UPDATE categories SET position = ? WHERE id = ?')
    for (const [position, row] of rows.entries()) place.run(position, row.id)
    context.journal.audit(
      {
        userId: actor.userId,
        approverId: actor.approverId,
        action: 'category.moved',
        objectType: 'category',
        objectId: id,
        detail: { direction, reason: actor.reason },
      },
      now,
    )
    return rows.map(view)
  })()
}
