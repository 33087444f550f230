import { z } from 'zod';
import { notFound, validationError } from '../errors.js';
import { newId } from '../ids.js';
import { Id } from '../records/common.schema.js';
import { parseInput } from '../records/validate.js';
import { type Repositories, type StoredRecord } from '../repositories.js';
import { type VocabularyService } from '../services/vocabulary.service.js';
import { loadMany, publishableTexts, redactorFor } from './collect.js';
import { renderReportDocx } from './render-docx.js';
import { renderReportHtml } from './render-html.js';
import { renderReportPdf } from './render-pdf.js';
import { buildReportModel, type ReportModel } from './report-model.js';
import { describeScope, type PublishScope, ScopeShape, scopeOf } from './scope.js';
import { labelsFrom } from './stats.js';
import { type PublishedReport } from './store.js';

/** What to report on: a title and a scope (events, a period of local dates, a city). */
export const ReportInput = z.object({ title: z.string().trim().min(1).max(300).optional(), ...ScopeShape }).strict();
export const REPORT_FORMATS = ['html', 'pdf', 'docx', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const ReportFormatQuery = z.object({ format: z.enum(REPORT_FORMATS).default('html') }).strict();

/** Reports list at most this many detentions by name; the figures always cover the whole scope. */
export const REPORT_MAX_DETENTIONS = 20_000;

export interface RenderedReport {
  contentType: string;
  extension: string;
  body: Buffer | string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  json: 'application/json; charset=utf-8',
};

/** Renders a report model in one format. */
export async function renderReport(model: ReportModel, format: ReportFormat): Promise<RenderedReport> {
  const body = format === 'html' ? renderReportHtml(model) : format === 'pdf' ? await renderReportPdf(model) : format === 'docx' ? await renderReportDocx(model) : `${JSON.stringify(model, null, 2)}\n`;
  return { contentType: CONTENT_TYPES[format], extension: format, body };
}

/** A published report without its model (lists and acknowledgements). */
function metaOf(report: PublishedReport): Omit<PublishedReport, 'model'> {
  return { id: report.id, title: report.title, scope: report.scope, publishedAt: report.publishedAt, publishedBy: report.publishedBy, withdrawnAt: report.withdrawnAt, withdrawnBy: report.withdrawnBy };
}

/** Builds redacted reports for a scope, renders them, and publishes them for public mode. */
export class ReportService {
  constructor(
    private readonly repos: Repositories,
    private readonly vocabularies: VocabularyService,
    private readonly now: () => string,
  ) {}

  /** The redacted model of a report on a scope. */
  async build(raw: unknown): Promise<ReportModel> {
    const input = parseInput(ReportInput, raw ?? {});
    const scope = scopeOf(input);
    return this.model(scope, input.title);
  }

  async model(scope: PublishScope, title?: string): Promise<ReportModel> {
    const store = this.repos.publish;
    const events = await store.events(scope);
    if (scope.eventIds.length > 0) {
      const found = new Set(events.map((e) => e.id));
      const missing = scope.eventIds.map((id, i) => ({ id, i })).filter((x) => !found.has(x.id));
      if (missing.length > 0) throw validationError(missing.map((m) => ({ path: `eventId.${m.i}`, problem: `no event with id ${m.id}` })));
    }
    const [totals, durations, byCity, byRole, byCityRole, byChargeCode, byOutcome, byCharge, byLegalBasis, byDate] = [
      await store.totals(scope), await store.durations(scope), await store.breakdown(scope, 'city'), await store.breakdown(scope, 'role'),
      await store.breakdown(scope, 'cityRole'), await store.breakdown(scope, 'chargeCode'), await store.breakdown(scope, 'outcome'),
      await store.breakdown(scope, 'charge'), await store.breakdown(scope, 'legalBasis'), await store.breakdown(scope, 'date'),
    ];
    const detentions: StoredRecord[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.detentionPage(scope, cursor, 1000);
      detentions.push(...page.items);
      cursor = page.next;
    } while (cursor && detentions.length < REPORT_MAX_DETENTIONS);
    const persons = await loadMany(this.repos, 'person', detentions.map((d) => String(d.personId)));
    const charges = await store.chargesOf(detentions.map((d) => d.id));
    const figures = await store.officialFigures(scope, events.map((e) => e.id));
    const placeIds = [
      ...detentions.flatMap((d) => [d.apprehendedPlaceId, ...((d.steps as { placeId: string | null }[] | null) ?? []).map((s) => s.placeId)]),
      ...events.flatMap((e) => (e.placeIds as string[] | null) ?? []),
    ].filter((id): id is string => typeof id === 'string');
    const places = await loadMany(this.repos, 'place', placeIds);
    const organisations = await loadMany(this.repos, 'organisation', persons.flatMap((p) => ((p.roles as { organisationId: string | null }[] | null) ?? []).map((r) => r.organisationId)).filter((id): id is string => !!id));
    const sourceIds = [...events, ...figures].flatMap((r) => (r.sourceIds as string[] | null) ?? []).concat(detentions.flatMap((d) => (d.sourceIds as string[] | null) ?? []));
    const sources = (await loadMany(this.repos, 'source', sourceIds.slice(0, 5000))).sort((a, b) => (String(a.title) < String(b.title) ? -1 : 1));
    const personTexts = persons.flatMap((p) => [p.pseudonym as string | null, ...((p.roles as { organisationName: string | null }[] | null) ?? []).map((r) => r.organisationName)]);
    const redactor = await redactorFor(this.repos, {
      persons, places, organisations,
      texts: [title, ...publishableTexts([...events, ...figures, ...sources, ...places, ...organisations]), ...personTexts],
    });
    const eventTitles = events.filter((e) => scope.eventIds.includes(e.id)).map((e) => String(e.title));
    return buildReportModel({
      title: title ?? `Detentions: ${describeScope(scope, eventTitles)}`,
      scopeDescription: describeScope(scope, eventTitles),
      generatedAt: this.now(),
      totals, durations, byCity, byRole, byCityRole, byChargeCode, byOutcome, byCharge, byLegalBasis, byDate,
      events, detentions,
      persons: new Map(persons.map((p) => [p.id, p])),
      places: new Map(places.map((p) => [p.id, p])),
      charges, sources, figures,
      labels: labelsFrom(await this.vocabularies.list()),
      redactor,
    });
  }

  /** Publishes a report: its redacted model is stored and served as is (public mode included). */
  async publish(raw: unknown, actor: string): Promise<Omit<PublishedReport, 'model'>> {
    const input = parseInput(ReportInput, raw ?? {});
    const scope = scopeOf(input);
    const model = await this.model(scope, input.title);
    const report: PublishedReport = { id: newId(), title: model.title, scope, model, publishedAt: this.now(), publishedBy: actor, withdrawnAt: null, withdrawnBy: null };
    await this.repos.publish.saveReport(report);
    return metaOf(report);
  }

  list(includeWithdrawn = false): Promise<Omit<PublishedReport, 'model'>[]> {
    return this.repos.publish.listReports(includeWithdrawn);
  }

  /** A published report; withdrawn ones only when asked (editors), never in public mode. */
  async get(rawId: string, includeWithdrawn = false): Promise<PublishedReport & { model: ReportModel }> {
    const id = Id.safeParse(rawId);
    if (!id.success) throw validationError([{ path: 'id', problem: 'must be a UUID' }]);
    const report = await this.repos.publish.getReport(id.data);
    if (!report || (report.withdrawnAt && !includeWithdrawn)) throw notFound('published report', id.data);
    return report as PublishedReport & { model: ReportModel };
  }

  /** Withdraws a published report (consent revoked, error found); the row stays, marked. */
  async withdraw(rawId: string, actor: string): Promise<Omit<PublishedReport, 'model'>> {
    const report = await this.get(rawId);
    await this.repos.publish.withdrawReport(report.id, this.now(), actor);
    return metaOf(await this.get(rawId, true));
  }
}
