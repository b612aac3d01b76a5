import type { CoreApi } from '../core-api.ts'
import { catalogCsv } from '../ledger/catalog-export.ts'
import { moveCategory, saveCategory } from '../ledger/categories.ts'
import type { ApiContext } from './context.ts'

type CatalogApi = Pick<
  CoreApi,
  | 'listCategories'
  | 'listVatClasses'
  | 'saveVatClass'
  | 'listProducts'
  | 'searchProducts'
  | 'findProductByBarcode'
  | 'saveProduct'
  | 'importProductsCsv'
  | 'previewProductsCsv'
  | 'saveCategory'
  | 'moveCategory'
  | 'exportProductsCsv'
>

/** Products, categories and VAT classes: read by everyone, changed with a manager's approval. */
export function catalogApi(ctx: ApiContext): CatalogApi {
  const { catalog } = ctx.ledger
  return {
    listCategories: async () => catalog.categories(),
    listVatClasses: async () => catalog.vatClasses(),
    saveVatClass: async (vat, approval) => catalog.saveVatClass(vat, ctx.approve(approval, 'saveVatClass', vat)),
    listProducts: async (query) => catalog.list({ ...query, withoutDemo: !ctx.ledger.settings.get().demo }),
    searchProducts: async (text) => catalog.search(text),
    findProductByBarcode: async (barcode) => catalog.findByBarcode(barcode),
    saveProduct: async (product, productId, approval) =>
      catalog.save(product, ctx.approve(approval, 'saveProduct', product, productId), productId ?? undefined),
    importProductsCsv: async (csv, approval) => catalog.importCsv(csv, ctx.approve(approval, 'importProductsCsv', csv)),
    saveCategory: async (category, categoryId, approval) =>
      saveCategory(
        ctx.ledger.context,
        category,
        categoryId,
        ctx.approve(approval, 'saveCategory', category, categoryId),
      ),
    moveCategory: async (categoryId, direction, approval) =>
      moveCategory(
        ctx.ledger.context,
        categoryId,
        direction,
        ctx.approve(approval, 'moveCategory', categoryId, direction),
      ),
    previewProductsCsv: async (csv) => {
      const manager = ctx.manager()
      return catalog.importCsv(csv, { userId: manager.id, approverId: null, reason: 'preview' }, { dryRun: true })
    },
    exportProductsCsv: async () => {
      ctx.manager()
      return catalogCsv(ctx.ledger.context, catalog, !ctx.ledger.settings.get().demo)
    },
  }
}
