/**
 * Selling by weight: a product is sold by count or by weight (its price then per kilogram), and may
 * carry the item code a shop's label scale prints into its barcodes. A sale line keeps how it was
 * sold, so its quantity (units or grams) reads the same on every paper and in every report, and
 * whether its price came from a scale's price label (such a line is never merged with another).
 */
export const SOLD_BY_WEIGHT_V9 = `
ALTER TABLE products ADD COLUMN sold_by TEXT NOT NULL DEFAULT 'count' CHECK (sold_by IN ('count', 'weight'));
ALTER TABLE products ADD COLUMN scale_code TEXT CHECK (scale_code IS NULL OR scale_code GLOB '[1-9]*');
CREATE UNIQUE INDEX products_by_scale_code ON products(scale_code) WHERE scale_code IS NOT NULL;
ALTER TABLE sale_lines ADD COLUMN sold_by TEXT NOT NULL DEFAULT 'count' CHECK (sold_by IN ('count', 'weight'));
ALTER TABLE sale_lines ADD COLUMN price_from_label INTEGER NOT NULL DEFAULT 0 CHECK (price_from_label IN (0, 1));
`
