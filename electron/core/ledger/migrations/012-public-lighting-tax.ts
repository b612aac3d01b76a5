/**
 * The public lighting tax on alcohol and tobacco (5 % since 1 January 2024; a reseller pays it on a
 * 20 % base): a tax class may carry it besides VAT, a sale line keeps the effective rate it was sold
 * at and its share, and a sale its total, so every paper shows it on its own line. A class for
 * alcohol and tobacco is added; a shop moves its beer and cigarettes to it.
 */
export const PUBLIC_LIGHTING_TAX_V12 = `
ALTER TABLE vat_classes ADD COLUMN plt_rate_bp INTEGER NOT NULL DEFAULT 0 CHECK (plt_rate_bp BETWEEN 0 AND 10000);
ALTER TABLE vat_classes ADD COLUMN plt_base_bp INTEGER NOT NULL DEFAULT 10000 CHECK (plt_base_bp BETWEEN 0 AND 10000);
INSERT OR IGNORE INTO vat_classes (id, name_en, name_km, rate_bp, plt_rate_bp, plt_base_bp)
  VALUES ('alcohol_tobacco', 'Alcohol/tobacco + lighting tax', 'ស្រា បារី + អាករបំភ្លឺ', 1000, 500, 2000);
ALTER TABLE sale_lines ADD COLUMN plt_rate_bp INTEGER NOT NULL DEFAULT 0 CHECK (plt_rate_bp BETWEEN 0 AND 10000);
ALTER TABLE sale_lines ADD COLUMN plt INTEGER;
ALTER TABLE sales ADD COLUMN plt_total INTEGER;
ALTER TABLE sales ADD COLUMN plt_khr INTEGER;
`
