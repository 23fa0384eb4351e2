/// The one stylesheet of the payment document. Sized for A4 with 10 mm margins
/// (190 × 277 mm of content); a document with three meters of three zones, tiers
/// and several recalculation lines still fits one page (scripts/check-print).
/// Static, so a bundle of N documents carries it once.
let documentCSS: StaticString = """
@page{size:A4;margin:10mm}
*{box-sizing:border-box}
html,body{margin:0;padding:0}
body{font-family:"DejaVu Sans","Liberation Sans",Arial,Helvetica,sans-serif;font-size:7.6pt;line-height:1.22;color:#111}
@media screen{body{background:#e8e8e8}.page{margin:6px auto;padding:10mm;width:210mm;background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.3)}}
.page{width:190mm;break-after:page;page-break-after:always;break-inside:avoid}
.page:last-child{break-after:auto;page-break-after:auto}
h1{font-size:12pt;margin:0}
h2{font-size:8pt;margin:0 0 1mm;text-transform:uppercase;letter-spacing:.03em;color:#333}
section{margin-top:1.8mm}
.top{display:flex;justify-content:space-between;align-items:flex-end;border-bottom:1.2pt solid #111;padding-bottom:1.5mm}
.top .sub{font-size:9pt;margin-top:.6mm}
.top .acc{text-align:right;font-size:8pt}
.top .acc b{display:block;font-size:13pt;letter-spacing:.04em}
.cols{display:flex;gap:3mm;align-items:stretch}
.cols>*{flex:1 1 0;min-width:0}
.cols>.wide{flex:1.2 1 0}
.box{border:.6pt solid #888;border-radius:1mm;padding:1.2mm 2mm}
.kv{display:grid;grid-template-columns:max-content 1fr;column-gap:2mm;row-gap:.2mm}
.kv dt{color:#555}
.kv dd{margin:0;overflow-wrap:anywhere}
.sample{margin-top:.8mm;padding:.5mm 1mm;background:#fff3c4;border:.5pt solid #c9a227;font-weight:bold}
table{width:100%;border-collapse:collapse}
th,td{border:.5pt solid #999;padding:.35mm 1mm;vertical-align:top}
.z,th.n,th.z{white-space:nowrap;width:1%}
th{background:#eee;font-weight:bold;text-align:left;font-size:7pt}
.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.c{text-align:center}
.muted{color:#555}
.est{background:#fff6e0}
tr.sum td{font-weight:bold;background:#f4f4f4}
.calc td{border-left:none;border-right:none}
.calc tr.pay td{color:#333;border-top:none;border-bottom:none;padding-top:0;padding-bottom:0}
.calc tr.total td{font-size:10pt;font-weight:bold;border-top:1.2pt solid #111;border-bottom:1.2pt solid #111}
.paybox{display:flex;gap:2.5mm;align-items:center;border:1.2pt solid #111;border-radius:1mm;padding:1.5mm 2mm}
.paybox .info{flex:1 1 0;min-width:0;text-align:center}
.paybox .due{font-size:13pt;font-weight:bold;margin:.5mm 0;white-space:nowrap}
.paybox .when{font-size:9pt;font-weight:bold}
.qr svg{width:32mm;height:32mm;display:block}
.hint{font-size:6.8pt;color:#555;margin-top:1mm}
.chart svg{width:100%;height:auto;display:block}
.foot{margin-top:2mm;border-top:.5pt solid #999;padding-top:1mm;font-size:6.6pt;color:#444}
"""
