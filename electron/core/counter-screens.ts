import type { CustomerView, PosEventName, PosEvents } from '../../shared/api.ts'
import type { SaleView } from '../../shared/views.ts'
import { customerViewOf, PAID_DISPLAY_MS } from './customer-view.ts'
import type { Ledger } from './ledger/index.ts'

/**
 * The screens that follow the counter: every change to the sale at the counter is announced to
 * the cashier's and the customer's window, a paid sale stays up as PAID for a moment, and a timer
 * on the earliest shown KHQR's expiry takes the QR off both screens exactly on time.
 */
export class CounterScreens {
  private readonly ledger: Ledger
  private readonly emit: <E extends PosEventName>(name: E, payload: PosEvents[E]) => void
  private readonly afterChange: () => void
  private lastPaid: { sale: SaleView; at: number } | null = null
  private paidTimer: ReturnType<typeof setTimeout> | undefined
  private expiryTimer: ReturnType<typeof setTimeout> | undefined

  /** `afterChange` runs once both screens were told (the printer gets what the change owes it). */
  constructor(
    ledger: Ledger,
    emit: <E extends PosEventName>(name: E, payload: PosEvents[E]) => void,
    afterChange: () => void,
  ) {
    this.ledger = ledger
    this.emit = emit
    this.afterChange = afterChange
  }

  /** What the customer's screen shows; `current` when the caller has just read the sale at the counter. */
  customerView(current: SaleView | null = this.ledger.sales.current()): CustomerView {
    return customerViewOf({
      current,
      lastPaid: this.lastPaid,
      settings: this.ledger.settings.get(),
      now: this.ledger.context.now(),
    })
  }

  /** Announces the sale at the counter after `result` changed it; returns `result`. */
  saleChange<T>(result: T): T {
    this.watchKhqrExpiry()
    const sale = result as Partial<SaleView> | undefined
    if (sale?.state === 'paid' && sale.kind === 'sale') {
      this.lastPaid = { sale: sale as SaleView, at: this.ledger.context.now() }
      clearTimeout(this.paidTimer)
      // PAID stays up for a moment, then the display goes back to idle by itself.
      this.paidTimer = setTimeout(() => this.emit('customerView.changed', this.customerView()), PAID_DISPLAY_MS)
      this.paidTimer.unref?.()
    }
    const current = this.ledger.sales.current()
    // Once the next sale has a line, the last one's PAID is over: it never comes back after a hold or a void.
    if (current && current.lines.length > 0 && this.lastPaid) {
      this.lastPaid = null
      clearTimeout(this.paidTimer)
    }
    this.emit('sale.changed', current)
    this.emit('customerView.changed', this.customerView(current))
    this.afterChange()
    return result
  }

  /** Keeps a timer on the earliest shown KHQR's expiry, so the QR leaves the screens exactly on time. */
  watchKhqrExpiry(): void {
    clearTimeout(this.expiryTimer)
    const at = this.ledger.sales.nextKhqrExpiry()
    if (at === null) return
    this.expiryTimer = setTimeout(
      () => {
        if (this.ledger.sales.expireKhqr() > 0) {
          this.emit('sale.changed', this.ledger.sales.current())
          this.emit('customerView.changed', this.customerView())
        }
        this.watchKhqrExpiry()
      },
      Math.max(0, at - this.ledger.context.now()),
    )
    this.expiryTimer.unref?.()
  }

  close(): void {
    clearTimeout(this.expiryTimer)
    clearTimeout(this.paidTimer)
  }
}
