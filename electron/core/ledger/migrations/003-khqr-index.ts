/**
 * Every new KHQR takes a creation time after the last one (sales.ts), which reads max(created_at);
 * without this index that read scans every QR ever shown (76 ms at 500 000 rows, per the till benchmark).
 */
export const KHQR_INDEX_V3 = `
CREATE INDEX khqr_requests_by_created_at ON khqr_requests(created_at);
`
