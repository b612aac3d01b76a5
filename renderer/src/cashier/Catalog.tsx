import { memo, useEffect, useState } from 'react'
import { formatMoney } from '../../../shared/money/index.ts'
import type { CategoryView, ProductView } from '../../../shared/views.ts'
import { useLanguage } from '../i18n/language.tsx'
import { WEIGHT_MESSAGES } from '../i18n/weight-messages.ts'
import type { Call } from './call.ts'
import { useTill } from './useTill.ts'
import { WeighDialog } from './WeighDialog.tsx'

/**
 * The product grid with its search and category tabs. A tile adds one of the product to the sale.
 * Memoised: a scan changes the sale, not the grid, so its 60 tiles are not rendered again.
 */
export const Catalog = memo(function Catalog({ call }: { call: Call }) {
  const { till } = useTill()
  const { language } = useLanguage()
  const [categories, setCategories] = useState<CategoryView[]>([])
  const [category, setCategory] = useState<string | null>(null)
  const [query, setQuery] = useState('')
  const [products, setProducts] = useState<ProductView[]>([])
  const [weighing, setWeighing] = useState<ProductView | null>(null)
  const perKg = WEIGHT_MESSAGES[language].perKg
  // Bumped when the back office sends catalog changes, so the grid and search are asked again.
  const [catalogVersion, setCatalogVersion] = useState(0)
  useEffect(() => window.pos.on('catalog.changed', () => setCatalogVersion((version) => version + 1)), [])

  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again whenever the catalog changes.
  useEffect(() => {
    void window.pos.listCategories().then((result) => result.ok && setCategories(result.value))
  }, [catalogVersion])
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again whenever the catalog changes.
  useEffect(() => {
    const ask =
      query.trim() === ''
        ? window.pos.listProducts({ categoryId: category, offset: 0, limit: 60 })
        : window.pos.searchProducts(query)
    let current = true
    void ask.then((result) => current && result.ok && setProducts(result.value))
    return () => {
      current = false
    }
  }, [category, query, catalogVersion])

  return (
    <section className="catalog" aria-label={till.search}>
      <input
        className="search"
        type="search"
        placeholder={till.search}
        aria-label={till.search}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <div className="categories" role="tablist">
        {[{ id: null, nameEn: till.all, nameKm: till.all }, ...categories].map((item) => (
          <button
            key={item.id ?? 'all'}
            type="button"
            role="tab"
            aria-selected={category === item.id}
            className={category === item.id ? 'selected' : ''}
            onClick={() => setCategory(item.id)}
          >
            {language === 'km' ? item.nameKm : item.nameEn}
          </button>
        ))}
      </div>
      <ul className="product-grid">
        {products.map((product) => (
          <li key={product.id}>
            <button
              type="button"
              className="product"
              title={`${product.nameKm} · ${product.nameEn}`}
              data-sold-by={product.soldBy}
              onClick={() =>
                product.soldBy === 'weight'
                  ? setWeighing(product)
                  : void call(() => window.pos.addProduct(product.id, 1))
              }
            >
              <span className="product-name" lang="km">
                {product.nameKm}
              </span>
              <span className="product-name-en" lang="en">
                {product.nameEn}
              </span>
              <span className="product-price">
                {formatMoney(product.price, product.currency, 'en')}
                {product.soldBy === 'weight' && perKg}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {weighing && (
        <WeighDialog
          product={weighing}
          onCancel={() => setWeighing(null)}
          onAdd={(grams) => {
            setWeighing(null)
            void call(() => window.pos.addProduct(weighing.id, grams))
          }}
        />
      )}
    </section>
  )
})
