import { useState } from 'react'
import type { ApprovalRequest } from '../../../../shared/api.ts'
import type { Approval, CategoryView } from '../../../../shared/views.ts'
import { CATALOG_MESSAGES } from '../../i18n/catalog-messages.ts'
import { useLanguage } from '../../i18n/language.tsx'
import { Notice } from '../../ui/Notice.tsx'
import { ApprovalDialog } from '../ApprovalDialog.tsx'
import { approvalRequest, callApproved } from '../approved-call.ts'
import { useTill } from '../useTill.ts'

/** The categories the cashier's tabs show: added, renamed in both languages, put in order. */
export function CategoriesEditor({ categories, onChange }: { categories: CategoryView[]; onChange(): void }) {
  const { explain } = useTill()
  const { language } = useLanguage()
  const words = CATALOG_MESSAGES[language].categories
  const [names, setNames] = useState<Record<string, { nameKm: string; nameEn: string }>>({})
  const [fresh, setFresh] = useState({ nameKm: '', nameEn: '' })
  const [asking, setAsking] = useState<{ request: ApprovalRequest; error: string | null } | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const nameOf = (category: CategoryView) => names[category.id] ?? { nameKm: category.nameKm, nameEn: category.nameEn }
  const ask = (request: ApprovalRequest) => setAsking({ request, error: null })
  const save = (input: { nameKm: string; nameEn: string }, id: string | null) => {
    const trimmed = { nameKm: input.nameKm.trim(), nameEn: input.nameEn.trim() }
    if (trimmed.nameKm === '' || trimmed.nameEn === '')
      return setProblem(CATALOG_MESSAGES[language].invalid(trimmed.nameKm === '' ? words.nameKm : words.nameEn))
    setProblem(null)
    ask(approvalRequest('saveCategory', trimmed, id))
  }
  const approve = async (approval: Approval) => {
    if (!asking) return
    const result = await callApproved(asking.request, approval)
    if (!result.ok) return setAsking({ ...asking, error: explain(result.error) })
    setAsking(null)
    setFresh({ nameKm: '', nameEn: '' })
    setNames({})
    onChange()
  }
  return (
    <section className="categories-editor" aria-labelledby="categories-heading">
      <h3 id="categories-heading">{words.title}</h3>
      <ol>
        {categories.map((category, index) => {
          const name = nameOf(category)
          const set = (change: Partial<typeof name>) => setNames({ ...names, [category.id]: { ...name, ...change } })
          return (
            <li key={category.id} data-testid="category-row">
              <input
                aria-label={words.nameKm}
                value={name.nameKm}
                onChange={(event) => set({ nameKm: event.target.value })}
              />
              <input
                aria-label={words.nameEn}
                value={name.nameEn}
                onChange={(event) => set({ nameEn: event.target.value })}
              />
              <button type="button" onClick={() => save(name, category.id)}>
                {words.rename}
              </button>
              <button
                type="button"
                aria-label={words.up(category.nameEn)}
                disabled={index === 0}
                onClick={() => ask(approvalRequest('moveCategory', category.id, 'up'))}
              >
                ↑
              </button>
              <button
                type="button"
                aria-label={words.down(category.nameEn)}
                disabled={index === categories.length - 1}
                onClick={() => ask(approvalRequest('moveCategory', category.id, 'down'))}
              >
                ↓
              </button>
            </li>
          )
        })}
      </ol>
      <div className="category-add">
        <input
          aria-label={`${words.add}: ${words.nameKm}`}
          placeholder={words.nameKm}
          value={fresh.nameKm}
          onChange={(event) => setFresh({ ...fresh, nameKm: event.target.value })}
        />
        <input
          aria-label={`${words.add}: ${words.nameEn}`}
          placeholder={words.nameEn}
          value={fresh.nameEn}
          onChange={(event) => setFresh({ ...fresh, nameEn: event.target.value })}
        />
        <button type="button" onClick={() => save(fresh, null)}>
          {words.add}
        </button>
      </div>
      {problem && <Notice tone="error">{problem}</Notice>}
      {asking && (
        <ApprovalDialog
          title={words.title}
          request={asking.request}
          error={asking.error}
          onApprove={(approval) => void approve(approval)}
          onCancel={() => setAsking(null)}
        />
      )}
    </section>
  )
}
