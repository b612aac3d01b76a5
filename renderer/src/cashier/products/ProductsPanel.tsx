import { useEffect, useState } from 'react'
import { formatMoney } from '../../../../shared/money/index.ts'
import type { CategoryView, ProductView } from '../../../../shared/views.ts'
import { CATALOG_MESSAGES } from '../../i18n/catalog-messages.ts'
import { useLanguage } from '../../i18n/language.tsx'
import { WEIGHT_MESSAGES } from '../../i18n/weight-messages.ts'
import { CategoriesEditor } from './CategoriesEditor.tsx'
import { CsvImport } from './CsvImport.tsx'
import { ProductForm } from './ProductForm.tsx'

type Status = 'active' | 'inactive' | 'all'
const PAGE = 100

/** The manager's products: searched and filtered (for sale or not, by category), added and edited. */
export function ProductsPanel() {
  const { language } = useLanguage()
  const words = CATALOG_MESSAGES[language]
  const [categories, setCategories] = useState<CategoryView[]>([])
  const [status, setStatus] = useState<Status>('active')
  const [category, setCategory] = useState<string | null>(null)
  const [query, setQuery] = useState('')
  const [products, setProducts] = useState<ProductView[]>([])
  const [editing, setEditing] = useState<ProductView | 'new' | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [version, setVersion] = useState(0)

  const [categoriesVersion, setCategoriesVersion] = useState(0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again after a category changes.
  useEffect(() => {
    void window.pos.listCategories().then((result) => result.ok && setCategories(result.value))
  }, [categoriesVersion])
  const [more, setMore] = useState(false)
  // The filters apply to a search too; products not for sale are found as well (unlike the till's
  // search), in the order of the names the manager reads. A page at a time.
  const page = (offset: number) =>
    window.pos.listProducts({
      categoryId: category,
      offset,
      limit: PAGE,
      status,
      text: query,
      orderBy: language === 'km' ? 'name_km' : 'name_en',
    })
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again after every save (version).
  useEffect(() => {
    let current = true
    void page(0).then((result) => {
      if (!current || !result.ok) return
      setProducts(result.value)
      setMore(result.value.length === PAGE)
    })
    return () => {
      current = false
    }
  }, [category, query, status, version, language])
  const showMore = async () => {
    const result = await page(products.length)
    if (!result.ok) return
    setProducts([...products, ...result.value])
    setMore(result.value.length === PAGE)
  }

  if (editing)
    return (
      <section className="card" aria-labelledby="product-heading">
        <h2 id="product-heading">{editing === 'new' ? words.add : editing.nameKm}</h2>
        <ProductForm
          product={editing === 'new' ? null : editing}
          categories={categories}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null)
            setMessage(words.form.saved(language === 'km' ? saved.nameKm : saved.nameEn))
            setVersion(version + 1)
          }}
        />
      </section>
    )
  return (
    <section className="card products-panel" aria-labelledby="products-heading">
      <header className="panel-header">
        <h2 id="products-heading">{words.title}</h2>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {words.add}
        </button>
      </header>
      {message && (
        <p role="status" className="done">
          {message}
        </p>
      )}
      <CsvImport
        onImported={(done) => {
          setMessage(done)
          setVersion(version + 1)
        }}
      />
      <div className="filters">
        <input
          type="search"
          aria-label={words.search}
          placeholder={words.search}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <label className="field">
          <span>{words.statusLabel}</span>
          <select value={status} onChange={(event) => setStatus(event.target.value as Status)}>
            {(['active', 'inactive', 'all'] as const).map((value) => (
              <option key={value} value={value}>
                {words.status[value]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{words.category}</span>
          <select
            value={category ?? ''}
            onChange={(event) => setCategory(event.target.value === '' ? null : event.target.value)}
          >
            <option value="">{words.anyCategory}</option>
            {categories.map((item) => (
              <option key={item.id} value={item.id}>
                {language === 'km' ? item.nameKm : item.nameEn}
              </option>
            ))}
          </select>
        </label>
      </div>
      {products.length === 0 ? (
        <p>{words.none}</p>
      ) : (
        <table className="product-table">
          <thead>
            <tr>
              <th>{words.columns.name}</th>
              <th>{words.columns.sku}</th>
              <th className="num">{words.columns.price}</th>
              <th>{words.columns.status}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {products.map((product) => (
              <tr key={product.id} data-testid="product-row">
                <td>
                  <span lang="km">{product.nameKm}</span>
                  <span className="fine">{product.nameEn}</span>
                </td>
                <td>
                  <code>{product.sku}</code>
                </td>
                <td className="num">
                  {formatMoney(product.price, product.currency, 'en')}
                  {product.soldBy === 'weight' && WEIGHT_MESSAGES[language].perKg}
                </td>
                <td>{product.active ? words.activeWord : words.inactiveWord}</td>
                <td>
                  <button type="button" onClick={() => setEditing(product)}>
                    {words.edit}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="fine" data-testid="product-count">
        {words.shown(products.length)}
      </p>
      {more && (
        <button type="button" onClick={() => void showMore()}>
          {words.showMore(PAGE)}
        </button>
      )}
      <CategoriesEditor categories={categories} onChange={() => setCategoriesVersion(categoriesVersion + 1)} />
    </section>
  )
}
