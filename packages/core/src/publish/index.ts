// Publishing: statistics, reconciliation, redacted reports and open data. Everything that leaves
// Vigil for the public is shaped by the one redaction module (redact.ts).
export * from './redact.js';
export * from './scope.js';
export * from './stats.js';
export * from './store.js';
export * from './export-store.js';
export { loadMany, nameStems, personsResembling, publishableTexts, redactorFor } from './collect.js';
export { localDate, localDateTime, offsetIntervals, isTimeZone, type OffsetInterval } from './timezones.js';
export { buildReportModel, LISTED_ROLES, type ReportModel, type ListedPerson, type ReportData } from './report-model.js';
export { buildReportFindings, citationLine, type ReportFinding, type ReportFindings, type ReportFindingStandard } from './report-findings.js';
export { renderReportHtml, escapeHtml, barChartSvg } from './render-html.js';
export { renderReportPdf, REPORT_FONTS } from './render-pdf.js';
export { renderReportDocx } from './render-docx.js';
export { ReportService, type ReportServiceOptions, ReportInput, ReportFormatQuery, REPORT_FORMATS, REPORT_MAX_DETENTIONS, renderReport, type ReportFormat, type RenderedReport } from './report.service.js';
export { OpenDataService, OpenDataQuery, OPEN_DATA_DATASETS, OPEN_DATA_FORMATS, DETENTION_COLUMNS, EVENT_COLUMNS, csvCell, csvLine, type OpenDataDataset, type OpenDataFormat, type ExportSink } from './open-data.service.js';
export { ACLED_COLUMNS, ACLED_EVENT_TYPES, acledRow, acledTimePrecision, acledGeoPrecision, type AcledRow } from './acled.js';
export { StatsService, DIMENSION_PATHS, DimensionParam, type StatsOverview, type StatsMap, type MapPoint } from './stats.service.js';
export { cityCentre } from './gazetteer.js';
export { seedRedactionFixture, secretsIn, SECRETS, HOSTILE_NAME, FORMULA_NAME, type SeededPublishFixture } from './fixtures.js';
