import { MESSAGES } from '../i18n/messages.ts'
import { useLiveValue } from '../ui/useLiveValue.ts'

/** Customers read either language, so this screen shows both at once. */
export function CustomerApp() {
  const view = useLiveValue('customerView.changed', () => window.pos.getCustomerView())
  return (
    <main className="customer-idle">
      <p className="welcome" lang="km">
        {MESSAGES.km.welcome}
      </p>
      <p className="welcome-secondary" lang="en">
        {MESSAGES.en.welcome}
      </p>
      {view && <p className="shop-name">{view.shopName}</p>}
    </main>
  )
}
