import { AuditService } from '../audit/audit.service.js';
import { EvidenceService, type EvidenceOptions } from '../evidence/evidence.service.js';
import { FindingService, type FindingServiceOptions } from '../findings/finding.service.js';
import { ImportService } from '../import/import.service.js';
import { MergeService } from '../import/merge.service.js';
import { OpenDataService } from '../publish/open-data.service.js';
import { ReportService } from '../publish/report.service.js';
import { StatsService } from '../publish/stats.service.js';
import { type Repositories } from '../repositories.js';
import { AccountService, type AccountOptions } from './account.service.js';
import { CustodyService, type CustodyOptions } from './custody.service.js';
import { DemoService } from './demo.service.js';
import { IntakeService } from './intake.service.js';
import { RECORD_HOOKS } from './hooks.js';
import { RecordService } from './record.service.js';
import { TransferService } from './transfer.service.js';
import { VocabularyService } from './vocabulary.service.js';

export interface ServiceOptions {
  /** The clock, injectable so tests can stand at 13:30 on a given day. */
  now?: () => string;
  custody?: CustodyOptions;
  evidence?: EvidenceOptions;
  accounts?: AccountOptions;
  findings?: FindingServiceOptions;
}

export interface Services {
  records: RecordService;
  custody: CustodyService;
  vocabularies: VocabularyService;
  transfer: TransferService;
  demo: DemoService;
  intake: IntakeService;
  accounts: AccountService;
  evidence: EvidenceService;
  stats: StatsService;
  reports: ReportService;
  openData: OpenDataService;
  audit: AuditService;
  /** Standards findings: recompute, list, review (issue 5). */
  findings: FindingService;
  /** Bulk intake of partners' lists (issue 6). */
  imports: ImportService;
  /** Candidate pairs of persons and their review: accept, reject, unmerge (issue 6). */
  merges: MergeService;
  repos: Repositories;
  /** Runs `fn` with services bound to one transaction: all of its writes land or none do. */
  inTransaction<T>(fn: (services: Services) => Promise<T>): Promise<T>;
}

/** Wires services to repositories; used once by the server and once by the CLI. */
export function createServices(repos: Repositories, options: ServiceOptions = {}, outer?: { vocabularies: VocabularyService }): Services {
  const now = options.now ?? (() => new Date().toISOString());
  const vocabularies = outer ? outer.vocabularies.on(repos) : new VocabularyService(repos);
  const records = new RecordService(repos, vocabularies, RECORD_HOOKS, now);
  const merges = new MergeService(repos, (fn) => services.inTransaction(fn), now);
  const findings = new FindingService(repos, now, options.findings);
  const services: Services = {
    records,
    custody: new CustodyService(repos, records, now, options.custody),
    vocabularies,
    repos,
    transfer: new TransferService(repos, vocabularies),
    demo: new DemoService(repos, (fn) => services.inTransaction(fn)),
    intake: new IntakeService((fn) => services.inTransaction(fn)),
    accounts: new AccountService(repos, now, options.accounts),
    evidence: new EvidenceService(repos, now, options.evidence),
    stats: new StatsService(repos, vocabularies),
    // A report brings the findings it publishes up to date first (a confirmed breach whose facts changed is not published).
    reports: new ReportService(repos, vocabularies, now, { catalogue: options.findings?.catalogue, refreshFindings: (keys) => findings.refresh(keys) }),
    openData: new OpenDataService(repos, vocabularies, now),
    audit: new AuditService(repos, now),
    findings,
    imports: new ImportService(repos, (fn) => services.inTransaction(fn), merges, now),
    merges,
    inTransaction: (fn) => repos.transaction((tx) => fn(createServices(tx, options, { vocabularies }))),
  };
  return services;
}
