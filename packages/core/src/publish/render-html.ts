/**
 * The report as one self-contained HTML file: inline CSS, inline SVG, no scripts, no external
 * resources. Every value is escaped, so a name such as `<script>` is shown, never run.
 */
import { citationLine, FINDINGS_NOTE, FINDINGS_TITLE, notListedNote } from './report-findings.js';
import { type ReportModel } from './report-model.js';
import { type BreakdownRow, type ClaimCell, type OfficialCell } from './stats.js';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

const e = escapeHtml;

const CSS = `
body{font-family:"DejaVu Sans",Arial,sans-serif;color:#1b1b1b;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;border-bottom:2px solid #333;margin-top:2rem}h3{font-size:1.05rem;margin-bottom:.3rem}
.meta{color:#555}.figures{display:flex;gap:1rem;flex-wrap:wrap}.figure{border:1px solid #bbb;padding:.6rem 1rem;min-width:9rem}
.figure b{display:block;font-size:1.6rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{border:1px solid #ccc;padding:.3rem .45rem;text-align:left;vertical-align:top;font-size:.92rem}
th{background:#f0f0f0}td.n{text-align:right;white-space:nowrap}.also{color:#555;font-size:.85rem}.note{color:#555;font-size:.88rem}
@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}`;

function table(head: string[], rows: string[][], numeric: number[] = []): string {
  const th = head.map((h) => `<th>${e(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const claimText = (c: ClaimCell) => `<b>${e(c.text)}</b> ${e(c.measure)}${c.claimedBy ? ` — ${e(c.claimedBy)}` : ''}`;
const officialText = (o: OfficialCell) => `<b>${e(o.value.toLocaleString('en-US'))}</b> ${e(o.measure)} — ${e(o.issuer)}, ${e(o.issuedOn)}`;
const num = (n: number | null) => (n === null ? '—' : e(n.toLocaleString('en-US')));

/** Horizontal bars (people, detentions) per row, as inline SVG. */
export function barChartSvg(rows: BreakdownRow[], title: string): string {
  const shown = rows.slice(0, 15);
  const max = Math.max(1, ...shown.map((r) => r.detentions));
  const barHeight = 18;
  const height = shown.length * (barHeight * 2 + 8) + 30;
  const bars = shown.map((r, i) => {
    const y = 24 + i * (barHeight * 2 + 8);
    const wD = Math.round((r.detentions / max) * 420);
    const wP = Math.round((r.people / max) * 420);
    return `<text x="0" y="${y + 13}" font-size="12">${e(r.label)}</text>`
      + `<rect x="170" y="${y}" width="${wD}" height="${barHeight - 2}" fill="#8a3b3b"/><text x="${174 + wD}" y="${y + 13}" font-size="11">${r.detentions} detentions</text>`
      + `<rect x="170" y="${y + barHeight}" width="${wP}" height="${barHeight - 2}" fill="#3b5f8a"/><text x="${174 + wP}" y="${y + barHeight + 13}" font-size="11">${r.people} people</text>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${e(title)}" width="720" height="${height}" viewBox="0 0 720 ${height}" font-family="DejaVu Sans, Arial, sans-serif"><text x="0" y="14" font-size="13" font-weight="bold">${e(title)}</text>${bars}</svg>`;
}

/** Renders the report model as a standalone HTML document. */
export function renderReportHtml(m: ReportModel): string {
  const s = m.summary;
  const parts: string[] = [];
  parts.push(`<h1>${e(m.title)}</h1><p class="meta">${e(m.scopeDescription)} · generated ${e(m.generatedAt.slice(0, 16).replace('T', ' '))} UTC by Vigil</p>`);
  const roleFigure = (code: string, label: string) => {
    const r = s.roles.find((x) => x.key[0] === code);
    return `<div class="figure"><b>${r ? r.people : 0}</b>${e(label)}</div>`;
  };
  parts.push('<h2>Summary</h2><div class="figures">'
    + `<div class="figure"><b>${s.detentions}</b>detentions documented</div>`
    + `<div class="figure"><b>${s.peopleAtLeast ? 'at least ' : ''}${s.people}</b>people detained</div>`
    + roleFigure('journalist', 'journalists') + roleFigure('human_rights_defender', 'human rights defenders') + roleFigure('activist', 'activists')
    + '</div>');
  parts.push(`<p>Custody: median ${e(s.durations.median)}, longest ${e(s.durations.longest)} (${s.durations.measured} detention(s) with both times known); ${s.durations.held} with no release recorded, ${s.durations.unknown} with whereabouts not known.</p>`);
  parts.push(table(['City', 'Detentions', 'People'], s.cities.map((c) => [e(c.label), num(c.detentions), num(c.people)]), [1, 2]));
  if (s.cities.length > 0) parts.push(barChartSvg(s.cities, 'Detentions and people by city'));

  const rec = m.reconciliation;
  parts.push('<h2>Documented, claimed and official figures</h2><p class="note">Three columns kept apart: what Vigil documents by name or description, what sources claim, and what the authorities published.</p>');
  parts.push(table(
    ['Where', 'What', 'Documented: detentions', 'Documented: people', 'Claimed by sources', 'Official figures'],
    rec.rows.map((r) => [e(r.area ?? 'All'), e(r.label), num(r.documented.detentions), num(r.documented.people), r.claimed.map(claimText).join('<br>') || '—', r.official.map(officialText).join('<br>') || '—']),
    [2, 3],
  ));
  if (rec.otherClaims.length > 0 || rec.otherOfficial.length > 0) {
    parts.push('<h3>Other numbers given by sources</h3>');
    parts.push(table(['Where', 'Number', 'Source'], [
      ...rec.otherClaims.map((c) => [e(c.area ?? 'All'), `${e(c.text)} ${e(c.measure)}`, e(c.claimedBy ?? '')]),
      ...rec.otherOfficial.map((o) => [e(o.area ?? 'All'), `${e(o.value.toLocaleString('en-US'))} ${e(o.measure)}`, `${e(o.issuer)}, ${e(o.issuedOn)}`]),
    ]));
  }

  parts.push('<h2>People detained, by city</h2>');
  for (const city of m.lists) {
    parts.push(`<h3>${e(city.city)}</h3>`);
    for (const g of city.groups) {
      parts.push(`<p><b>${e(g.label)}: ${g.people.length}</b></p>`);
      parts.push(table(['#', 'Name or pseudonym', 'Outlet / organisation', 'Time', 'Place', 'Outcome'], g.people.map((p, i) => [
        String(i + 1),
        `${e(p.name)}${p.alsoIn.length ? `<div class="also">also listed as ${e(p.alsoIn.join(', '))}</div>` : ''}${p.detentions > 1 ? `<div class="also">detained ${p.detentions} times</div>` : ''}`,
        e(p.organisation ?? '—'), e(p.time), e(p.place ?? '—'), e(p.outcome),
      ]), [0]));
    }
  }

  parts.push('<h2>Chronology</h2>');
  parts.push(table(['When (local)', 'City', 'What happened'], m.chronology.map((c) => [e(c.when), e(c.city ?? '—'), e(c.text)])));

  parts.push('<h2>Outcomes and charges</h2>');
  parts.push(table(['Outcome', 'Detentions', 'People'], m.breakdowns.outcome.map((r) => [e(r.label), num(r.detentions), num(r.people)]), [1, 2]));
  if (m.breakdowns.charge.length > 0) parts.push(table(['Charge', 'Detentions', 'People'], m.breakdowns.charge.map((r) => [e(r.label), num(r.detentions), num(r.people)]), [1, 2]));

  if (m.findings) {
    parts.push(`<h2>${e(FINDINGS_TITLE)}</h2><p class="note">${e(FINDINGS_NOTE)}</p>`);
    parts.push(m.findings.items.length === 0 ? '<p>No confirmed findings for this scope.</p>' : table(['#', 'About', 'When, where', 'Finding', 'Standards cited', 'Confirmed'], m.findings.items.map((f, i) => [
      String(i + 1), e(f.subject), e([f.when, f.city].filter(Boolean).join(', ') || '—'), e(f.finding),
      f.standards.map((x) => `<div>${e(citationLine(x))}</div>`).join(''), e(f.confirmedOn ?? '—'),
    ]), [0]));
    if (m.findings.notListed > 0) parts.push(`<p class="note">${e(notListedNote(m.findings.notListed))}</p>`);
  }

  parts.push('<h2>Official figures</h2>');
  parts.push(m.officialFigures.length === 0 ? '<p>None recorded for this scope.</p>' : table(['Issuer', 'Date', 'What it counts', 'Value', 'Scope'], m.officialFigures.map((f) => [e(f.issuer), e(f.issuedOn), e(f.measure), num(f.value), e(f.scope ?? '')]), [3]));

  parts.push('<h2>Methodology</h2>');
  parts.push(m.methodology.map((p) => `<p>${e(p)}</p>`).join('\n'));
  parts.push('<h3>Sources</h3><ol>' + m.sources.map((src) => `<li>${e(src.title)}${src.author ? ` — ${e(src.author)}` : ''}${src.outlet ? `, ${e(src.outlet)}` : ''}${src.url ? ` <span class="note">${e(src.url)}</span>` : ''}</li>`).join('') + '</ol>');

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(m.title)}</title><style>${CSS}</style></head>
<body>
${parts.join('\n')}
</body></html>
`;
}
