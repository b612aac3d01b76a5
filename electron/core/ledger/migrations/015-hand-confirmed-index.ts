/**
 * The X and Z reports count the hand-confirmed KHQR payments Bakong verified during the shift,
 * whichever shift took them. Without an index that count read every tender of the ledger (a
 * million sales: 2 million rows, over 100 ms a report); hand confirmations are few, so a partial
 * index on them alone answers it at once.
 */
export const HAND_CONFIRMED_INDEX_V15 = `
CREATE INDEX sale_tenders_by_hand ON sale_tenders(verified_at) WHERE confirmation = 'manual';
`
