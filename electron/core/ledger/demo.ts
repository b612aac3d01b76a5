import { PosError } from '../errors.ts'
import { uuidv7 } from '../ids.ts'
import type { LedgerContext } from './context.ts'
import { hashPin } from './pins.ts'
import { ReportFacts } from './report-facts.ts'
import { DEFAULT_SETTINGS, DEMO_RATE, type SettingsStore } from './settings.ts'

/** Printed on the sign-in screen while the demo is on, so a new install can be tried at once. */
export const DEMO_PINS = { manager: '1357', cashier: '2468' } as const

const VAT_CLASSES = [
  { id: 'standard', nameEn: 'VAT 10%', nameKm: 'អាករ ១០%', rate: 1000 },
  { id: 'exempt', nameEn: 'VAT exempt', nameKm: 'មិនជាប់អាករ', rate: 0 },
]

const CATEGORIES = [
  { key: 'drinks', nameEn: 'Drinks', nameKm: 'ភេសជ្ជៈ' },
  { key: 'food', nameEn: 'Food', nameKm: 'អាហារ' },
  { key: 'household', nameEn: 'Household', nameKm: 'គ្រឿងប្រើប្រាស់' },
]

const PRODUCTS: {
  sku: string
  nameEn: string
  nameKm: string
  category: string
  price: number
  currency: 'USD' | 'KHR'
  vat: string
  barcode: string
}[] = [
  {
    sku: 'DEMO-001',
    nameEn: 'Iced coffee',
    nameKm: 'កាហ្វេទឹកកក',
    category: 'drinks',
    price: 150,
    currency: 'USD',
    vat: 'standard',
    barcode: '8850000000011',
  },
  {
    sku: 'DEMO-002',
    nameEn: 'Drinking water 500 ml',
    nameKm: 'ទឹកសុទ្ធ ៥០០ម.ល',
    category: 'drinks',
    price: 1000,
    currency: 'KHR',
    vat: 'standard',
    barcode: '8850000000028',
  },
  {
    sku: 'DEMO-003',
    nameEn: 'Sugarcane juice',
    nameKm: 'ទឹកអំពៅ',
    category: 'drinks',
    price: 2500,
    currency: 'KHR',
    vat: 'standard',
    barcode: '8850000000035',
  },
  {
    sku: 'DEMO-004',
    nameEn: 'Angkor beer can',
    nameKm: 'ស្រាបៀរអង្គរ កំប៉ុង',
    category: 'drinks',
    price: 90,
    currency: 'USD',
    vat: 'alcohol_tobacco',
    barcode: '8850000000042',
  },
  {
    sku: 'DEMO-005',
    nameEn: 'Pork rice',
    nameKm: 'បាយសាច់ជ្រូក',
    category: 'food',
    price: 8000,
    currency: 'KHR',
    vat: 'standard',
    barcode: '8850000000059',
  },
  {
    sku: 'DEMO-006',
    nameEn: 'Fish amok',
    nameKm: 'អាម៉ុកត្រី',
    category: 'food',
    price: 450,
    currency: 'USD',
    vat: 'standard',
    barcode: '8850000000066',
  },
  {
    sku: 'DEMO-007',
    nameEn: 'Num banh chok',
    nameKm: 'នំបញ្ចុក',
    category: 'food',
    price: 6000,
    currency: 'KHR',
    vat: 'standard',
    barcode: '8850000000073',
  },
  {
    sku: 'DEMO-008',
    nameEn: 'Jasmine rice 5 kg',
    nameKm: 'អង្ករម្លិះ ៥គ.ក',
    category: 'food',
    price: 625,
    currency: 'USD',
    vat: 'exempt',
    barcode: '8850000000080',
  },
  {
    sku: 'DEMO-009',
    nameEn: 'Dish soap',
    nameKm: 'សាប៊ូលាងចាន',
    category: 'household',
    price: 4500,
    currency: 'KHR',
    vat: 'standard',
    barcode: '8850000000097',
  },
  {
    sku: 'DEMO-010',
    nameEn: 'Mosquito coil',
    nameKm: 'ធូបដុតមូស',
    category: 'household',
    price: 175,
    currency: 'USD',
    vat: 'standard',
    barcode: '8850000000103',
  },
]

/**
 * A fresh database gets a demo shop: VAT classes, a demo rate, two demo users and a small
 * bilingual catalog, all marked as demo so onboarding can replace them. Runs once, in one transaction.
 */
export async function seedDemo(context: LedgerContext): Promise<void> {
  const hasUsers = context.db.prepare('SELECT 1 FROM users LIMIT 1').get()
  if (hasUsers) return
  const [managerPin, cashierPin] = await Promise.all([hashPin(DEMO_PINS.manager), hashPin(DEMO_PINS.cashier)])
  const now = context.now()
  const db = context.db
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM users LIMIT 1').get()) return
    const addVat = db.prepare('INSERT OR IGNORE INTO vat_classes (id, name_en, name_km, rate_bp) VALUES (?, ?, ?, ?)')
    for (const vat of VAT_CLASSES) addVat.run(vat.id, vat.nameEn, vat.nameKm, vat.rate)
    const addUser = db.prepare(
      'INSERT INTO users (id, name, role, pin_hash, is_demo, created_at) VALUES (?, ?, ?, ?, 1, ?)',
    )
    addUser.run(uuidv7(now), 'Demo Manager', 'manager', managerPin, now)
    addUser.run(uuidv7(now), 'Demo Cashier', 'cashier', cashierPin, now)
    db.prepare(
      "INSERT INTO exchange_rates (id, khr_per_usd, source, set_by, set_at) VALUES (?, ?, 'demo', NULL, ?)",
    ).run(uuidv7(now), DEMO_RATE, now)
    const categoryIds = new Map<string, string>()
    const addCategory = db.prepare('INSERT INTO categories (id, name_en, name_km, position) VALUES (?, ?, ?, ?)')
    CATEGORIES.forEach((category, position) => {
      const id = uuidv7(now)
      categoryIds.set(category.key, id)
      addCategory.run(id, category.nameEn, category.nameKm, position)
    })
    const addProduct = db.prepare(
      'INSERT INTO products (id, sku, name_en, name_km, category_id, price, currency, vat_class, active, is_demo, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?)',
    )
    const addBarcode = db.prepare('INSERT INTO barcodes (barcode, product_id) VALUES (?, ?)')
    for (const product of PRODUCTS) {
      const id = uuidv7(now)
      addProduct.run(
        id,
        product.sku,
        product.nameEn,
        product.nameKm,
        categoryIds.get(product.category) ?? null,
        product.price,
        product.currency,
        product.vat,
        now,
      )
      addBarcode.run(product.barcode, id)
    }
    context.journal.audit({ action: 'demo.seeded', detail: { products: PRODUCTS.length, rate: DEMO_RATE } }, now)
  })()
}

/**
 * The last step of onboarding: the demo people and products are retired (deactivated, never
 * deleted: sales may point at them; their barcodes freed for the shop's own goods), the demo's
 * sales and shifts are marked as practice (kept for audit, out of the shop's figures; a demo shift
 * still open is closed without a count) and the shop runs on its own data. A `demo.ended` event
 * tells the back office that everything this terminal sent before it was practice. Refused until
 * the shop has its own manager (who approves this), its own Bakong account and a real exchange
 * rate, so a QR for the demo account can never be shown to a paying customer; and while a sale is
 * at the counter, so no one is left paying a practice sale.
 */
export function endDemo(
  context: LedgerContext,
  settings: SettingsStore,
  actor: { userId: string; approverId: string; reason: string },
): void {
  const db = context.db
  const approver = db.prepare('SELECT is_demo FROM users WHERE id = ?').get(actor.approverId) as
    | { is_demo: number }
    | undefined
  if (!approver || approver.is_demo === 1)
    throw new PosError('demo_manager', "Create the shop's own manager first; that manager approves ending the demo.")
  if (settings.get().merchant.bakongAccountId === DEFAULT_SETTINGS.merchant.bakongAccountId) {
    throw new PosError('demo_merchant', "Enter the shop's own Bakong account in the settings first.")
  }
  if (settings.currentRate().source === 'demo') throw new PosError('demo_rate', "Set today's exchange rate first.")
  if (db.prepare("SELECT 1 FROM sales WHERE state IN ('open', 'awaiting_payment')").get())
    throw new PosError('sale_in_progress', 'Finish or cancel the practice sale at the counter first.')
  const now = context.now()
  db.transaction(() => {
    const products = db
      .prepare('UPDATE products SET active = 0, updated_at = ? WHERE is_demo = 1 AND active = 1')
      .run(now).changes
    db.prepare('DELETE FROM barcodes WHERE product_id IN (SELECT id FROM products WHERE is_demo = 1)').run()
    const users = db.prepare('UPDATE users SET active = 0 WHERE is_demo = 1 AND active = 1').run().changes
    const held = db.prepare("UPDATE sales SET state = 'cancelled' WHERE state = 'held'").run().changes
    const sales = db.prepare('INSERT OR IGNORE INTO practice_sales (sale_id) SELECT id FROM sales').run().changes
    db.prepare('UPDATE shifts SET closed_at = ?, closed_by = ? WHERE closed_at IS NULL').run(now, actor.userId)
    const shifts = db.prepare('INSERT OR IGNORE INTO practice_shifts (shift_id) SELECT id FROM shifts').run().changes
    new ReportFacts(db).forgetPractice()
    // The demo's own header line leaves with it; the shop's name and details head its papers.
    const header = settings.get().receiptHeader === DEFAULT_SETTINGS.receiptHeader ? { receiptHeader: '' } : {}
    settings.update({ demo: false, ...header }, actor)
    const practice = { products, users, sales, held_cancelled: held, shifts }
    context.journal.audit(
      {
        userId: actor.userId,
        approverId: actor.approverId,
        action: 'demo.ended',
        detail: { ...practice, reason: actor.reason },
      },
      now,
    )
    context.journal.appendEvent(
      'demo.ended',
      {
        ended_by: actor.userId,
        approved_by: actor.approverId,
        at: now,
        practice_sales: sales,
        practice_shifts: shifts,
      },
      now,
    )
  })()
}
