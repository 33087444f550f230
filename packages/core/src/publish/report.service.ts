import { z } from 'zod';
import { notFound, validationError } from '../errors.js';
import { newId } from '../ids.js';
import { Id } from '../records/common.schema.js';
import { parseInput } from '../records/validate.js';
import { type Repositories, type StoredRecord } from '../repositories.js';
import { type VocabularyService } from '../services/vocabulary.service.js';
import { CATALOGUE, type Catalogue } from '../standards/index.js';
import { loadMany, publishableTexts, redactorFor } from './collect.js';
import { renderReportDocx } from './render-docx.js';
import { renderReportHtml } from './render-html.js';
import { renderReportPdf } from './render-pdf.js';
import { buildReportModel, type ReportModel } from './report-model.js';
import { ReportInput, REPORT_FORMATS, type ReportFormat } from './report-input.js';
import { describeScope, type PublishScope, scopeOf } from './scope.js';
import { labelsFrom } from './stats.js';
import { type ConfirmedFinding, type PublishedReport } from './store.js';

export { ReportInput, REPORT_FORMATS, type ReportFormat };
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

export interface ReportServiceOptions {
  /** The standards catalogue findings cite (the findings service's). */
  catalogue?: Catalogue;
  /**
   * Brings findings of these groups (`event:<id>`, `person:<id>`) up to date before a report
   * reads them, so a confirmed finding whose facts changed since is not published as confirmed.
   */
  refreshFindings?: (groupKeys: string[]) => Promise<{ processed: number; remaining: number }>;
}

/** Findings a report lists at most (the rest would not be readable anyway). */
const REPORT_MAX_FINDINGS = 5000;

/** Builds redacted reports for a scope, renders them, and publishes them for public mode. */
export class ReportService {
  constructor(
    private readonly repos: Repositories,
    private readonly vocabularies: VocabularyService,
    private readonly now: () => string,
    private readonly options: ReportServiceOptions = {},
  ) {}

  /** Groups are refreshed a chunk at a time until none of them waits (each refresh does a bounded number). */
  private async refreshFindings(groupKeys: string[]): Promise<void> {
    const refresh = this.options.refreshFindings;
    if (!refresh) return;
    const keys = [...new Set(groupKeys)];
    for (let i = 0; i < keys.length; i += 200) {
      const chunk = keys.slice(i, i + 200);
      let result = await refresh(chunk);
      while (result.remaining > 0 && result.processed > 0) result = await refresh(chunk);
    }
  }

  /** Confirmed findings in scope, and every record their subjects need to be described. */
  private async findingsOf(events: StoredRecord[], detentions: StoredRecord[], charges: StoredRecord[], known: StoredRecord[]): Promise<{ findings: ConfirmedFinding[]; records: Map<string, StoredRecord> }> {
    const outside = detentions.filter((d) => typeof d.eventId !== 'string');
    await this.refreshFindings([...events.map((e) => `event:${e.id}`), ...outside.map((d) => `person:${String(d.personId)}`)]);
    const outsideIds = new Set(outside.map((d) => d.id));
    const subjectIds = [...outsideIds, ...charges.filter((c) => outsideIds.has(String(c.detentionId))).map((c) => c.id)];
    const found = await this.repos.publish.confirmedFindings(events.map((e) => e.id), subjectIds);
    const records = new Map<string, StoredRecord>();
    const put = (entity: string, list: StoredRecord[]) => list.forEach((r) => records.set(`${entity}:${r.id}`, r));
    const ofKind = (entity: string) => [...records.entries()].filter(([k]) => k.startsWith(`${entity}:`)).map(([, r]) => r);
    const missing = (entity: string, ids: unknown[]) => ids.filter((id): id is string => typeof id === 'string' && !records.has(`${entity}:${id}`));
    put('event', events);
    put('detention', detentions);
    put('charge', charges);
    put('person', known);
    for (const entity of ['detention', 'charge', 'act', 'event'] as const) {
      put(entity, await loadMany(this.repos, entity, missing(entity, found.filter((f) => f.subjectEntity === entity).map((f) => f.subjectId))));
    }
    // An event in scope may have detentions outside it (another city): findings about those stay out,
    // like the detentions themselves. When the listed detentions were capped, nothing can be told apart.
    const scoped = new Set(detentions.map((d) => d.id));
    const capped = detentions.length >= REPORT_MAX_DETENTIONS;
    const inScope = (f: ConfirmedFinding): boolean => {
      if (capped) return true;
      if (f.subjectEntity === 'detention') return scoped.has(f.subjectId);
      if (f.subjectEntity === 'charge') {
        const detentionId = records.get(`charge:${f.subjectId}`)?.detentionId;
        return typeof detentionId !== 'string' || scoped.has(detentionId);
      }
      return true;
    };
    const findings = found.filter(inScope).slice(0, REPORT_MAX_FINDINGS);
    // A charge is described with its detention (a confidential one hides it); people through the redactor.
    put('detention', await loadMany(this.repos, 'detention', missing('detention', ofKind('charge').map((c) => c.detentionId))));
    const personIds = [
      ...[...ofKind('detention'), ...ofKind('charge'), ...ofKind('act')].flatMap((r) => [r.personId, r.victimPersonId]),
      ...findings.filter((f) => f.subjectEntity === 'person').map((f) => f.subjectId),
    ];
    put('person', await loadMany(this.repos, 'person', missing('person', personIds)));
    return { findings, records };
  }

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
    const { findings, records: findingRecords } = await this.findingsOf(events, detentions, charges, persons);
    // People named only by a finding's subject (an act's victim) are scrubbed from free text too.
    const inScope = new Set(persons.map((p) => p.id));
    const findingPersons = [...findingRecords.entries()].filter(([k, p]) => k.startsWith('person:') && !inScope.has(p.id)).map(([, p]) => p);
    const personTexts = [...persons, ...findingPersons].flatMap((p) => [p.pseudonym as string | null, ...((p.roles as { organisationName: string | null }[] | null) ?? []).map((r) => r.organisationName)]);
    const redactor = await redactorFor(this.repos, {
      persons: [...persons, ...findingPersons], places, organisations,
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
      findings, findingRecords,
      catalogue: this.options.catalogue ?? CATALOGUE,
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
