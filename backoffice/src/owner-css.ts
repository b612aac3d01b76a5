/**
 * The owner page's one stylesheet (the CSP allows no inline style). Khmer is drawn with the Noto
 * Sans Khmer the till ships (served from resources/fonts by this back office, only for Khmer
 * characters), so the page reads right on any device, even one without a Khmer font; Latin text
 * and figures keep the device's own font.
 */
export const OWNER_CSS = `@font-face{font-family:"Noto Sans Khmer";src:url("/fonts/NotoSansKhmer-Regular.ttf") format("truetype");font-weight:400;font-display:swap;unicode-range:U+1780-17FF,U+19E0-19FF,U+200B-200D,U+25CC}
@font-face{font-family:"Noto Sans Khmer";src:url("/fonts/NotoSansKhmer-Bold.ttf") format("truetype");font-weight:700;font-display:swap;unicode-range:U+1780-17FF,U+19E0-19FF,U+200B-200D,U+25CC}
:root{--ink:#1b1f23;--muted:#5b6470;--line:#dde1e6;--accent:#1d5fa8;--bad:#a40000;--good:#05620a;--paper:#fff;--ground:#f3f5f8}
*{box-sizing:border-box}
body{margin:0;background:var(--ground);color:var(--ink);font:15px/1.6 "Noto Sans Khmer",system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
.en{color:var(--muted);font-size:.86em}
header.top{display:flex;flex-wrap:wrap;align-items:center;gap:.4rem 1rem;padding:.5rem 1rem;background:#14324f;color:#fff}
header.top .en{color:#c9d6e3}
header.top button .en{color:var(--muted)}
.brand{margin:0;font-weight:700}
header.top nav{display:flex;flex-wrap:wrap;gap:.25rem}
header.top nav a{color:#fff;text-decoration:none;padding:.3rem .6rem;border-radius:6px}
header.top nav a[aria-current=page]{background:#fff;color:#14324f;font-weight:700}
header.top nav a[aria-current=page] .en{color:#47607a}
form.signout{margin-left:auto}
main{max-width:1240px;margin:0 auto;padding:.75rem 1rem 2rem}
main.narrow{max-width:34rem;padding-top:3rem}
footer{max-width:1240px;margin:0 auto;padding:0 1rem 1.5rem}
h1{font-size:1.45rem;margin:.4rem 0}
h2{font-size:1.12rem;margin:0}
h3{font-size:1rem;margin:1.2rem 0 .4rem}
.period-title{margin:.2rem 0 .4rem}
section.report{background:var(--paper);border:1px solid var(--line);border-radius:10px;padding:.9rem 1rem;margin:1rem 0}
.report-head{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:baseline;gap:.4rem 1rem;margin-bottom:.6rem}
a.csv{font-size:.9rem;color:var(--accent);white-space:nowrap}
.pair{display:grid;grid-template-columns:minmax(0,5fr) minmax(0,6fr);gap:1.25rem;align-items:start}
.pair.wide{grid-template-columns:minmax(0,1fr) minmax(0,2fr)}
@media (max-width:900px){.pair,.pair.wide{grid-template-columns:minmax(0,1fr)}}
.chart-box{max-width:640px}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.92rem;background:var(--paper)}
th,td{border-bottom:1px solid var(--line);padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{font-weight:600;background:#eef1f5;vertical-align:bottom}
thead th .en{display:block}
tbody th{font-weight:400}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.6rem;margin-bottom:.9rem}
.card{border:1px solid var(--line);border-radius:8px;padding:.5rem .75rem;background:#fafbfc}
.card-label,.card-value,.card-detail{margin:0}
.card-value{font-size:1.45rem;font-weight:700;font-variant-numeric:tabular-nums;white-space:nowrap}
.card-detail{color:var(--muted);font-size:.85rem}
.chips{display:flex;flex-wrap:wrap;gap:.35rem;margin:.35rem 0}
.chips a{border:1px solid var(--line);background:var(--paper);border-radius:999px;padding:.15rem .7rem;text-decoration:none;color:var(--accent)}
.chips a[aria-current=true]{background:var(--accent);border-color:var(--accent);color:#fff}
.chips a[aria-current=true] .en{color:#dbe7f5}
.period-forms{display:flex;flex-wrap:wrap;gap:.5rem 2rem;margin:.5rem 0}
.period-forms form{display:flex;flex-wrap:wrap;gap:.4rem .6rem;align-items:center}
.freshness ul{margin:.2rem 0 0;padding-left:1.2rem}
.freshness .note{margin:.5rem 0 0}
svg.chart{display:block;width:100%;height:auto;overflow:visible}
svg.chart .bar rect{fill:#2b6cb0}
svg.chart .bar.negative rect{fill:#c53030}
svg.chart .bar:hover rect{fill:#163f6b}
svg.chart text{font-size:14px;fill:#3c4650}
svg.chart .bar-label{font-size:15px;fill:#1b1f23}
svg.chart .bar-figure{font-size:14px;font-weight:700;fill:#1b1f23}
svg.chart .peak{font-size:13px}
svg.chart .value-label{font-size:13px;font-weight:700;fill:#1b1f23}
svg.chart .axis{stroke:#8a939c;stroke-width:1}
svg.chart .grid{stroke:#cfd5dc;stroke-dasharray:4 3}
.warn{color:var(--bad);font-weight:600}.ok{color:var(--good)}
tr.warn th,tr.warn td{color:var(--bad)}
.note{color:var(--muted)}
.message{background:#fff8d6;border:1px solid #e8d98a;border-radius:8px;padding:.5rem .8rem}
.code{font:700 2rem monospace;letter-spacing:.2em;background:#fff6c8;padding:.5rem 1rem;display:inline-block}
.code.pairing{font-size:1rem;letter-spacing:0;word-break:break-all}
section.alert{border:3px solid var(--bad);background:#fff0f0;padding:.5rem 1rem;margin:1rem 0;border-radius:8px}
section.created{background:var(--paper);border:1px solid var(--line);border-radius:10px;padding:.5rem 1rem;margin:1rem 0}
form.inline{display:inline}
form.product-form p{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.6rem 1rem;align-items:end}
form.product-form label{display:flex;flex-direction:column;gap:.15rem}
form.product-form label:has(input[type=checkbox]){flex-direction:row;align-items:center;gap:.4rem}
input,button,select{font:inherit;padding:.3rem .55rem}
button{cursor:pointer}
small{color:var(--muted)}
tbody th small{white-space:nowrap}
code{font-size:.9em;white-space:nowrap}
.nowrap,td.day,th.day{white-space:nowrap}
details.more summary{cursor:pointer;color:var(--accent);margin:.3rem 0}
.freshness{margin:.4rem 0}
/* A phone: charts' text set larger (it scales down with the chart), half the axis names, tighter tables. */
@media (max-width:600px){
main{padding:.5rem .6rem 1.5rem}
section.report{padding:.7rem .6rem}
table{font-size:.82rem}
th,td{padding:.25rem .3rem}
svg.chart text{font-size:20px}
svg.chart .bar-label{font-size:17px}
svg.chart .bar-figure{font-size:16px}
svg.chart .peak{font-size:18px}
svg.chart .minor,svg.chart .value-label{display:none}
.card-value{font-size:1.25rem}
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
table.stack,table.stack tbody,table.stack tr,table.stack th,table.stack td{display:block}
table.stack tr{border:1px solid var(--line);border-radius:8px;margin:.5rem 0;padding:.3rem .5rem}
table.stack th,table.stack td{border:0;text-align:left}
table.stack td.num{text-align:left}
table.stack td::before{content:attr(data-label);display:block;color:var(--muted);font-size:.78rem}
}`

/** The tab's icon: the riel sign on the page's blue. */
export const OWNER_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#14324f"/><text x="16" y="24" font-size="22" text-anchor="middle" fill="#fff" font-family="sans-serif">៛</text></svg>`
