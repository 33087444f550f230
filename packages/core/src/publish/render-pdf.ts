/**
 * The report as PDF (pdfkit), with DejaVu Sans embedded so Cyrillic and Kazakh letters
 * (ә ғ қ ң ө ұ ү һ і) render. Built from the redacted model only.
 */
import { createRequire } from 'node:module';
import { citationLine, FINDINGS_NOTE, FINDINGS_TITLE, notListedNote } from './report-findings.js';
import { type ReportModel } from './report-model.js';
import { type ClaimCell, type OfficialCell } from './stats.js';

const require = createRequire(import.meta.url);
/** DejaVu fonts shipped by the `dejavu-fonts-ttf` package (free licence, see its LICENSE). */
export const REPORT_FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

type Doc = PDFKit.PDFDocument;
const MARGIN = 48;
const BODY = 9;

interface Column {
  title: string;
  width: number;
  align?: 'left' | 'right';
}

/** Draws a table with a repeated header on each page; cells wrap, rows never split. */
function table(doc: Doc, columns: Column[], rows: string[][]): void {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const scale = (doc.page.width - 2 * MARGIN) / total;
  const widths = columns.map((c) => c.width * scale);
  const pad = 3;
  const rowHeight = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'body').fontSize(BODY - (bold ? 0.5 : 0));
    return Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: (widths[i] ?? 10) - 2 * pad }))) + 2 * pad;
  };
  const draw = (cells: string[], bold: boolean) => {
    const h = rowHeight(cells, bold);
    if (doc.y + h > doc.page.height - MARGIN) {
      doc.addPage();
      if (!bold) draw(columns.map((c) => c.title), true);
    }
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const w = widths[i] ?? 10;
      if (bold) doc.rect(x, y, w, h).fillAndStroke('#eeeeee', '#999999').fillColor('#000000');
      else doc.rect(x, y, w, h).strokeColor('#bbbbbb').stroke();
      doc.font(bold ? 'bold' : 'body').fontSize(BODY - (bold ? 0.5 : 0)).fillColor('#000000')
        .text(cell, x + pad, y + pad, { width: w - 2 * pad, align: columns[i]?.align ?? 'left' });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };
  draw(columns.map((c) => c.title), true);
  rows.forEach((r) => draw(r, false));
  doc.moveDown(0.6);
}

function heading(doc: Doc, text: string, size = 13): void {
  if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
  doc.moveDown(0.5).font('bold').fontSize(size).fillColor('#000000').text(text, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN });
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, text: string, size = BODY + 1): void {
  doc.font('body').fontSize(size).fillColor('#000000').text(text, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN });
  doc.moveDown(0.4);
}

const claim = (c: ClaimCell) => `${c.text} ${c.measure}${c.claimedBy ? ` — ${c.claimedBy}` : ''}`;
const official = (o: OfficialCell) => `${o.value.toLocaleString('en-US')} ${o.measure} — ${o.issuer}, ${o.issuedOn}`;
const n = (v: number | null) => (v === null ? '—' : v.toLocaleString('en-US'));

/** Renders the report model to PDF bytes. */
export async function renderReportPdf(m: ReportModel): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: m.title, Creator: 'Vigil', Producer: 'Vigil', CreationDate: new Date(m.generatedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', REPORT_FONTS.regular);
  doc.registerFont('bold', REPORT_FONTS.bold);

  doc.font('bold').fontSize(18).text(m.title);
  doc.font('body').fontSize(BODY).fillColor('#555555').text(`${m.scopeDescription} · generated ${m.generatedAt.slice(0, 16).replace('T', ' ')} UTC by Vigil`);
  doc.fillColor('#000000');

  const s = m.summary;
  const role = (code: string) => s.roles.find((r) => r.key[0] === code)?.people ?? 0;
  heading(doc, 'Summary');
  paragraph(doc, `${n(s.detentions)} detentions of ${s.peopleAtLeast ? 'at least ' : ''}${n(s.people)} people documented, among them ${role('journalist')} journalists, ${role('human_rights_defender')} human rights defenders and ${role('activist')} activists.`);
  paragraph(doc, `Custody: median ${s.durations.median}, longest ${s.durations.longest} (${s.durations.measured} detention(s) with both times known); ${s.durations.held} with no release recorded, ${s.durations.unknown} with whereabouts not known.`);
  table(doc, [{ title: 'City', width: 4 }, { title: 'Detentions', width: 1.5, align: 'right' }, { title: 'People', width: 1.5, align: 'right' }], s.cities.map((c) => [c.label, n(c.detentions), n(c.people)]));

  heading(doc, 'Documented, claimed and official figures');
  paragraph(doc, 'Three columns kept apart: what Vigil documents by name or description, what sources claim, and what the authorities published.', BODY);
  table(doc, [
    { title: 'Where', width: 1.2 }, { title: 'What', width: 2 }, { title: 'Documented detentions', width: 1.7, align: 'right' },
    { title: 'Documented people', width: 1.7, align: 'right' }, { title: 'Claimed by sources', width: 3.3 }, { title: 'Official figures', width: 2.6 },
  ], m.reconciliation.rows.map((r) => [r.area ?? 'All', r.label, n(r.documented.detentions), n(r.documented.people), r.claimed.map(claim).join('\n\n') || '—', r.official.map(official).join('\n\n') || '—']));
  const others = [
    ...m.reconciliation.otherClaims.map((c) => [c.area ?? 'All', `${c.text} ${c.measure}`, c.claimedBy ?? '']),
    ...m.reconciliation.otherOfficial.map((o) => [o.area ?? 'All', `${n(o.value)} ${o.measure}`, `${o.issuer}, ${o.issuedOn}`]),
  ];
  if (others.length > 0) {
    heading(doc, 'Other numbers given by sources', 11);
    table(doc, [{ title: 'Where', width: 1.2 }, { title: 'Number', width: 5 }, { title: 'Source', width: 3.5 }], others);
  }

  heading(doc, 'People detained, by city');
  for (const city of m.lists) {
    heading(doc, city.city, 11.5);
    for (const g of city.groups) {
      // Keep a list's label with the first rows of its table.
      if (doc.y > doc.page.height - MARGIN - 70) doc.addPage();
      paragraph(doc, `${g.label}: ${g.people.length}`, BODY + 0.5);
      table(doc, [
        { title: '#', width: 0.4, align: 'right' }, { title: 'Name or pseudonym', width: 2.4 }, { title: 'Outlet / organisation', width: 2.3 },
        { title: 'Time', width: 1.3 }, { title: 'Place', width: 2.2 }, { title: 'Outcome', width: 2.4 },
      ], g.people.map((p, i) => [
        String(i + 1),
        p.name + (p.alsoIn.length ? `\n(also: ${p.alsoIn.join(', ')})` : '') + (p.detentions > 1 ? `\n(detained ${p.detentions} times)` : ''),
        p.organisation ?? '—', p.time, p.place ?? '—', p.outcome,
      ]));
    }
  }

  heading(doc, 'Chronology');
  table(doc, [{ title: 'When (local)', width: 1.6 }, { title: 'City', width: 1.3 }, { title: 'What happened', width: 6 }], m.chronology.map((c) => [c.when, c.city ?? '—', c.text]));

  heading(doc, 'Outcomes and charges');
  table(doc, [{ title: 'Outcome', width: 5 }, { title: 'Detentions', width: 1.3, align: 'right' }, { title: 'People', width: 1.3, align: 'right' }], m.breakdowns.outcome.map((r) => [r.label, n(r.detentions), n(r.people)]));
  if (m.breakdowns.charge.length > 0) {
    table(doc, [{ title: 'Charge', width: 5 }, { title: 'Detentions', width: 1.3, align: 'right' }, { title: 'People', width: 1.3, align: 'right' }], m.breakdowns.charge.map((r) => [r.label, n(r.detentions), n(r.people)]));
  }

  if (m.findings) {
    heading(doc, FINDINGS_TITLE);
    paragraph(doc, FINDINGS_NOTE, BODY);
    if (m.findings.items.length === 0) paragraph(doc, 'No confirmed findings for this scope.');
    else {
      table(doc, [
        { title: '#', width: 0.4, align: 'right' }, { title: 'About', width: 2.2 }, { title: 'When, where', width: 1.7 }, { title: 'Finding', width: 2.8 },
        { title: 'Standards cited', width: 3.1 }, { title: 'Confirmed', width: 1.55 },
      ], m.findings.items.map((f, i) => [
        String(i + 1), f.subject, [f.when, f.city].filter(Boolean).join(', ') || '—', f.finding, f.standards.map(citationLine).join('\n\n'), f.confirmedOn ?? '—',
      ]));
    }
    if (m.findings.notListed > 0) paragraph(doc, notListedNote(m.findings.notListed), BODY);
  }

  heading(doc, 'Official figures');
  if (m.officialFigures.length === 0) paragraph(doc, 'None recorded for this scope.');
  else table(doc, [{ title: 'Issuer', width: 2.4 }, { title: 'Date', width: 1.6 }, { title: 'What it counts', width: 3.5 }, { title: 'Value', width: 1, align: 'right' }, { title: 'Scope', width: 2.4 }], m.officialFigures.map((f) => [f.issuer, f.issuedOn, f.measure, n(f.value), f.scope ?? '']));

  heading(doc, 'Methodology');
  for (const p of m.methodology) paragraph(doc, p);
  heading(doc, 'Sources', 11);
  m.sources.forEach((src, i) => paragraph(doc, `${i + 1}. ${src.title}${src.author ? ` — ${src.author}` : ''}${src.outlet ? `, ${src.outlet}` : ''}${src.url ? ` ${src.url}` : ''}`, BODY));

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.font('body').fontSize(7.5).fillColor('#777777').text(`${m.title} — page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN + 14, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
