import { useEffect, useState } from 'react'
import { formatRate, parsePercentInput } from '../../../shared/money/index.ts'
import type { Approval, ExchangeRateView, Settings, VatClassView } from '../../../shared/views.ts'
import { AUTHORITY_MESSAGES } from '../i18n/authority-messages.ts'
import { COUNTER_MESSAGES } from '../i18n/counter-messages.ts'
import { useLanguage } from '../i18n/language.tsx'
import { Notice } from '../ui/Notice.tsx'
import { useLiveValue } from '../ui/useLiveValue.ts'
import { ApprovalDialog } from './ApprovalDialog.tsx'
import { CashierLimitsSettings, RecoveryCodeSettings } from './AuthoritySettings.tsx'
import { approvalRequest, callApproved } from './approved-call.ts'
import { CounterDeviceSettings, ScaleLabelSettings } from './CounterDeviceSettings.tsx'
import { AutoBackupFields, DataSafety } from './DataSafety.tsx'
import { LabelPrinterFields } from './LabelPrinterFields.tsx'
import { MerchantFields } from './MerchantFields.tsx'
import { PrinterFields } from './PrinterFields.tsx'
import { percentText } from './percent-text.ts'
import { useTill } from './useTill.ts'

type Change =
  | { kind: 'settings'; patch: Partial<Settings> }
  | { kind: 'rate'; khrPerUsd: number }
  | { kind: 'vat'; vat: VatClassView }

/**
 * The shop's settings, for a manager: the exchange rate, rounding and VAT mode, the merchant
 * identity the KHQR carries, and the receipt printer (with a test page). Every change needs a
 * manager's PIN and a reason, and is audited with what it was before.
 */
/** The manager's settings; `onAbout` opens the About this terminal page. */
export function SettingsPanel({ onAbout }: { onAbout(): void }) {
  const { till, explain } = useTill()
  const { language } = useLanguage()
  const [settings, setSettings] = useState<Settings | null>(null)
  const [rate, setRate] = useState<ExchangeRateView | null>(null)
  const [draft, setDraft] = useState<Settings | null>(null)
  const [rateText, setRateText] = useState('')
  const [pending, setPending] = useState<{ change: Change; error: string | null } | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [vatClasses, setVatClasses] = useState<VatClassView[]>([])
  const [vatText, setVatText] = useState<Record<string, string>>({})
  const [vatError, setVatError] = useState<string | null>(null)
  const [limitsValid, setLimitsValid] = useState(true)
  // Bumped by Cancel, so the limits' typed text starts again from the saved settings.
  const [revision, setRevision] = useState(0)
  const display = useLiveValue('customerDisplay.changed', () => window.pos.getCustomerDisplayStatus())

  const load = async () => {
    const [current, currentRate, vats] = await Promise.all([
      window.pos.getSettings(),
      window.pos.getExchangeRate(),
      window.pos.listVatClasses(),
    ])
    if (vats.ok) {
      setVatClasses(vats.value)
      setVatText(Object.fromEntries(vats.value.map((vat) => [vat.id, percentText(vat.rateBasisPoints)])))
    }
    if (current.ok) {
      setSettings(current.value)
      setDraft(current.value)
    } else setError(explain(current.error))
    if (currentRate.ok) {
      setRate(currentRate.value)
      setRateText(String(currentRate.value.khrPerUsd))
    }
  }
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once when the page opens.
  useEffect(() => {
    void load()
  }, [])

  if (!settings || !draft) return error ? <Notice tone="error">{error}</Notice> : null

  const requestOf = (change: Change) =>
    change.kind === 'rate'
      ? approvalRequest('setExchangeRate', change.khrPerUsd, 'nbc')
      : change.kind === 'vat'
        ? approvalRequest('saveVatClass', change.vat)
        : approvalRequest('updateSettings', change.patch)
  const apply = async (approval: Approval) => {
    if (!pending) return
    const change = pending.change
    const result = await callApproved(requestOf(change), approval)
    if (!result.ok) return setPending({ change, error: explain(result.error) })
    setPending(null)
    setMessage(till.settings.saved)
    await load()
  }

  const changedPatch = (): Partial<Settings> => {
    const patch: Record<string, unknown> = {}
    for (const key of [
      'smallestNote',
      'taxInclusive',
      'saleCurrency',
      'merchant',
      'printer',
      'labelPrinter',
      'shopNameEn',
      'shopNameKm',
      'customerDisplayId',
      'receiptLanguage',
      'poleDisplay',
      'paymentChime',
      'cashierLimits',
      'autoBackup',
      'scaleLabels',
    ] as const) {
      if (JSON.stringify(draft[key]) !== JSON.stringify(settings[key])) patch[key] = draft[key]
    }
    return patch as Partial<Settings>
  }

  const unsaved = Object.keys(changedPatch()).length > 0

  const changeVat = (vat: VatClassView) => {
    const basisPoints = parsePercentInput(vatText[vat.id] ?? '')
    if (basisPoints === null) return setVatError(till.settings.vatInvalid)
    setVatError(null)
    setPending({ change: { kind: 'vat', vat: { ...vat, rateBasisPoints: basisPoints } }, error: null })
  }

  const merchant = draft.merchant
  const printer = draft.printer
  const name = (vat: VatClassView) => (language === 'km' ? vat.nameKm : vat.nameEn)
  return (
    <section className="card settings-panel" aria-labelledby="settings-heading">
      <header className="panel-header">
        <h2 id="settings-heading">{till.settings.title}</h2>
        <button type="button" onClick={onAbout}>
          {COUNTER_MESSAGES[language].about.open}
        </button>
      </header>
      {message && (
        <p role="status" className="done">
          {message}
        </p>
      )}
      <fieldset className="settings-group">
        <legend>{till.settings.rate}</legend>
        <p className="fine">{rate && formatRate(rate.khrPerUsd, language)}</p>
        <label className="field">
          <span>{till.settings.rielPerDollar}</span>
          <input
            inputMode="numeric"
            value={rateText}
            onChange={(event) => setRateText(event.target.value.replace(/\D/g, ''))}
          />
        </label>
        <button
          type="button"
          disabled={rateText === '' || Number(rateText) === rate?.khrPerUsd}
          onClick={() => setPending({ change: { kind: 'rate', khrPerUsd: Number(rateText) }, error: null })}
        >
          {till.settings.setRate}
        </button>
      </fieldset>
      <fieldset className="settings-group">
        <legend>{till.settings.money}</legend>
        <label className="field">
          <span>{till.settings.smallestNote}</span>
          <select
            value={draft.smallestNote}
            onChange={(event) =>
              setDraft({ ...draft, smallestNote: Number(event.target.value) as Settings['smallestNote'] })
            }
          >
            {[100, 500, 1000].map((note) => (
              <option key={note} value={note}>
                ៛{note.toLocaleString('en-US')}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.taxInclusive}
            onChange={(event) => setDraft({ ...draft, taxInclusive: event.target.checked })}
          />{' '}
          {till.settings.taxInclusive}
        </label>
      </fieldset>
      <fieldset className="settings-group">
        <legend>{till.settings.vat}</legend>
        {vatError && <Notice tone="error">{vatError}</Notice>}
        {vatClasses.map((vat) => (
          <div className="inline-field" key={vat.id}>
            <label className="field">
              <span>{till.settings.vatRateOf(name(vat))}</span>
              <input
                inputMode="decimal"
                value={vatText[vat.id] ?? ''}
                onChange={(event) => setVatText({ ...vatText, [vat.id]: event.target.value })}
              />
            </label>
            <button
              type="button"
              disabled={parsePercentInput(vatText[vat.id] ?? '') === vat.rateBasisPoints}
              onClick={() => changeVat(vat)}
            >
              {till.settings.setVat(name(vat))}
            </button>
          </div>
        ))}
      </fieldset>
      {/* Cancel (a new revision) also puts away a sticker being read. */}
      <MerchantFields
        key={revision}
        merchant={merchant}
        onChange={(changed) => setDraft({ ...draft, merchant: changed })}
      />
      <PrinterFields printer={printer} onChange={(changed) => setDraft({ ...draft, printer: changed })} />
      <LabelPrinterFields
        label={draft.labelPrinter}
        onChange={(changed) => setDraft({ ...draft, labelPrinter: changed })}
      />
      <fieldset className="settings-group">
        <legend>{till.settings.customerDisplay}</legend>
        {display?.chosenMissing && <Notice tone="warning">{till.settings.chosenMissing}</Notice>}
        <label className="field">
          <span>{till.settings.showOn}</span>
          <select
            value={draft.customerDisplayId ?? ''}
            onChange={(event) =>
              setDraft({ ...draft, customerDisplayId: event.target.value === '' ? null : Number(event.target.value) })
            }
          >
            <option value="">{till.settings.automaticDisplay}</option>
            {display?.displays
              .filter((choice) => !choice.primary)
              .map((choice) => (
                <option key={choice.id} value={choice.id}>
                  {till.settings.displayName(choice.label, choice.width, choice.height)}
                </option>
              ))}
            {draft.customerDisplayId !== null &&
              !display?.displays.some((choice) => choice.id === draft.customerDisplayId) && (
                <option value={draft.customerDisplayId}>{till.settings.chosenMissing}</option>
              )}
          </select>
        </label>
        <label className="field">
          <span>{till.settings.receiptLanguage}</span>
          <select
            value={draft.receiptLanguage}
            onChange={(event) =>
              setDraft({ ...draft, receiptLanguage: event.target.value as Settings['receiptLanguage'] })
            }
          >
            <option value="km">ខ្មែរ</option>
            <option value="en">English</option>
          </select>
        </label>
      </fieldset>
      <CounterDeviceSettings draft={draft} onChange={setDraft} />
      <ScaleLabelSettings draft={draft} onChange={setDraft} />
      <AutoBackupFields draft={draft} onChange={setDraft} />
      <CashierLimitsSettings
        key={`${revision}:${JSON.stringify(settings.cashierLimits)}`}
        draft={draft}
        onChange={setDraft}
        onValidity={setLimitsValid}
      />
      <div className={unsaved ? 'actions sticky-actions' : 'actions'}>
        <button
          type="button"
          onClick={() => {
            setDraft(settings)
            setRevision(revision + 1)
            setLimitsValid(true)
          }}
        >
          {till.cancel}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!limitsValid || !unsaved}
          onClick={() => setPending({ change: { kind: 'settings', patch: changedPatch() }, error: null })}
        >
          {till.settings.save}
        </button>
      </div>
      <RecoveryCodeSettings />
      <DataSafety />
      {pending && (
        <ApprovalDialog
          title={till.settings.title}
          request={requestOf(pending.change)}
          hint={
            pending.change.kind === 'rate' && rate ? AUTHORITY_MESSAGES[language].rateWas(rate.khrPerUsd) : undefined
          }
          error={pending.error}
          onApprove={(approval) => void apply(approval)}
          onCancel={() => setPending(null)}
        />
      )}
    </section>
  )
}
