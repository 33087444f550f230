/**
 * The report as DOCX (the `docx` package), for editors who finish a report in a word processor.
 * Built from the redacted model only.
 */
import type * as Docx_ from 'docx';
import { citationLine, FINDINGS_NOTE, FINDINGS_TITLE, notListedNote } from './report-findings.js';
import { type ReportModel } from './report-model.js';
import { type ClaimCell, type OfficialCell } from './stats.js';

type Docx = typeof Docx_;
const FONT = 'DejaVu Sans';
const n = (v: number | null) => (v === null ? '—' : v.toLocaleString('en-US'));
const claim = (c: ClaimCell) => `${c.text} ${c.measure}${c.claimedBy ? ` — ${c.claimedBy}` : ''}`;
const official = (o: OfficialCell) => `${o.value.toLocaleString('en-US')} ${o.measure} — ${o.issuer}, ${o.issuedOn}`;

/** Renders the report model to DOCX bytes. */
export async function renderReportDocx(m: ReportModel): Promise<Buffer> {
  const d: Docx = await import('docx');
  const p = (text: string, opts: { bold?: boolean; size?: number } = {}) =>
    new d.Paragraph({ children: text.split('\n').map((line, i) => new d.TextRun({ text: line, bold: opts.bold ?? false, size: opts.size ?? 20, font: FONT, break: i > 0 ? 1 : 0 })) });
  const h = (text: string, level: (typeof d.HeadingLevel)[keyof typeof d.HeadingLevel] = d.HeadingLevel.HEADING_1) => new d.Paragraph({ heading: level, children: [new d.TextRun({ text, font: FONT })] });
  const table = (head: string[], rows: string[][]) =>
    new d.Table({
      width: { size: 100, type: d.WidthType.PERCENTAGE },
      rows: [
        new d.TableRow({ tableHeader: true, children: head.map((t) => new d.TableCell({ children: [p(t, { bold: true, size: 18 })], shading: { fill: 'EEEEEE', type: d.ShadingType.CLEAR, color: 'auto' } })) }),
        ...rows.map((r) => new d.TableRow({ cantSplit: true, children: r.map((t) => new d.TableCell({ children: [p(t, { size: 18 })] })) })),
      ],
    });
  const s = m.summary;
  const role = (code: string) => s.roles.find((r) => r.key[0] === code)?.people ?? 0;
  const children: (InstanceType<Docx['Paragraph']> | InstanceType<Docx['Table']>)[] = [
    new d.Paragraph({ heading: d.HeadingLevel.TITLE, children: [new d.TextRun({ text: m.title, font: FONT })] }),
    p(`${m.scopeDescription} · generated ${m.generatedAt.slice(0, 16).replace('T', ' ')} UTC by Vigil`, { size: 18 }),
    h('Summary'),
    p(`${n(s.detentions)} detentions of ${s.peopleAtLeast ? 'at least ' : ''}${n(s.people)} people documented, among them ${role('journalist')} journalists, ${role('human_rights_defender')} human rights defenders and ${role('activist')} activists.`),
    p(`Custody: median ${s.durations.median}, longest ${s.durations.longest} (${s.durations.measured} detention(s) with both times known); ${s.durations.held} with no release recorded, ${s.durations.unknown} with whereabouts not known.`),
    table(['City', 'Detentions', 'People'], s.cities.map((c) => [c.label, n(c.detentions), n(c.people)])),
    h('Documented, claimed and official figures'),
    p('Three columns kept apart: what Vigil documents by name or description, what sources claim, and what the authorities published.', { size: 18 }),
    table(['Where', 'What', 'Documented detentions', 'Documented people', 'Claimed by sources', 'Official figures'],
      m.reconciliation.rows.map((r) => [r.area ?? 'All', r.label, n(r.documented.detentions), n(r.documented.people), r.claimed.map(claim).join('\n') || '—', r.official.map(official).join('\n') || '—'])),
  ];
  const others = [
    ...m.reconciliation.otherClaims.map((c) => [c.area ?? 'All', `${c.text} ${c.measure}`, c.claimedBy ?? '']),
    ...m.reconciliation.otherOfficial.map((o) => [o.area ?? 'All', `${n(o.value)} ${o.measure}`, `${o.issuer}, ${o.issuedOn}`]),
  ];
  if (others.length > 0) children.push(h('Other numbers given by sources', d.HeadingLevel.HEADING_2), table(['Where', 'Number', 'Source'], others));
  children.push(h('People detained, by city'));
  for (const city of m.lists) {
    children.push(h(city.city, d.HeadingLevel.HEADING_2));
    for (const g of city.groups) {
      children.push(p(`${g.label}: ${g.people.length}`, { bold: true }));
      children.push(table(['#', 'Name or pseudonym', 'Outlet / organisation', 'Time', 'Place', 'Outcome'], g.people.map((x, i) => [
        String(i + 1), x.name + (x.alsoIn.length ? `\n(also: ${x.alsoIn.join(', ')})` : '') + (x.detentions > 1 ? `\n(detained ${x.detentions} times)` : ''),
        x.organisation ?? '—', x.time, x.place ?? '—', x.outcome,
      ])));
    }
  }
  children.push(h('Chronology'), table(['When (local)', 'City', 'What happened'], m.chronology.map((c) => [c.when, c.city ?? '—', c.text])));
  children.push(h('Outcomes and charges'), table(['Outcome', 'Detentions', 'People'], m.breakdowns.outcome.map((r) => [r.label, n(r.detentions), n(r.people)])));
  if (m.breakdowns.charge.length > 0) children.push(table(['Charge', 'Detentions', 'People'], m.breakdowns.charge.map((r) => [r.label, n(r.detentions), n(r.people)])));
  if (m.findings) {
    children.push(h(FINDINGS_TITLE), p(FINDINGS_NOTE, { size: 18 }));
    children.push(m.findings.items.length === 0 ? p('No confirmed findings for this scope.') : table(['#', 'About', 'When, where', 'Finding', 'Standards cited', 'Confirmed'], m.findings.items.map((f, i) => [
      String(i + 1), f.subject, [f.when, f.city].filter(Boolean).join(', ') || '—', f.finding, f.standards.map(citationLine).join('\n'), f.confirmedOn ?? '—',
    ])));
    if (m.findings.notListed > 0) children.push(p(notListedNote(m.findings.notListed), { size: 18 }));
  }
  children.push(h('Official figures'));
  children.push(m.officialFigures.length === 0 ? p('None recorded for this scope.') : table(['Issuer', 'Date', 'What it counts', 'Value', 'Scope'], m.officialFigures.map((f) => [f.issuer, f.issuedOn, f.measure, n(f.value), f.scope ?? ''])));
  children.push(h('Methodology'), ...m.methodology.map((x) => p(x)));
  children.push(h('Sources', d.HeadingLevel.HEADING_2), ...m.sources.map((src, i) => p(`${i + 1}. ${src.title}${src.author ? ` — ${src.author}` : ''}${src.outlet ? `, ${src.outlet}` : ''}${src.url ? ` ${src.url}` : ''}`, { size: 18 })));

  const doc = new d.Document({
    creator: 'Vigil',
    title: m.title,
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [{ properties: { page: { size: { orientation: d.PageOrientation.LANDSCAPE } } }, children }],
  });
  return d.Packer.toBuffer(doc);
}
