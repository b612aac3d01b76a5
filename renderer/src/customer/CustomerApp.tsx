import { useEffect, useState } from 'react'
import type { CustomerView } from '../../../shared/api.ts'
import { MESSAGES } from '../i18n/messages.ts'

/** The view main sends, kept current; undefined until the first answer arrives. */
function useCustomerView(): CustomerView | undefined {
  const [view, setView] = useState<CustomerView>()
  useEffect(() => {
    let current = true
    const stop = window.pos.on('customerView.changed', (next) => setView(next))
    window.pos.getCustomerView().then((result) => {
      if (current && result.ok) setView((known) => known ?? result.value)
    })
    return () => {
      current = false
      stop()
    }
  }, [])
  return view
}

/** Customers read either language, so this screen shows both at once. */
export function CustomerApp() {
  const view = useCustomerView()
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
