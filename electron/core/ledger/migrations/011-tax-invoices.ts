/**
 * Tax invoices (Prakas 723): a sale paid while the shop has a VAT TIN is a VAT invoice with its own
 * chronological number, and its refund a credit note numbered in a series of its own. The seller's
 * TIN is kept as it was at that moment (a reprint says what the original said), and a business
 * customer's name and TIN are entered at the till before payment.
 */
export const TAX_INVOICES_V11 = `
ALTER TABLE sales ADD COLUMN invoice_no INTEGER CHECK (invoice_no IS NULL OR invoice_no > 0);
ALTER TABLE sales ADD COLUMN seller_tin TEXT;
ALTER TABLE sales ADD COLUMN buyer_name TEXT;
ALTER TABLE sales ADD COLUMN buyer_tin TEXT;
CREATE UNIQUE INDEX sales_invoice_no ON sales(kind, invoice_no) WHERE invoice_no IS NOT NULL;
`
