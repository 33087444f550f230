import { z } from 'zod';
import { ScopeShape } from './scope.js';

/**
 * What to report on: a title and a scope (events, a period of local dates, a city). Browser-safe
 * (zod only), so the web app's report form validates with the very schema the server uses.
 */
export const ReportInput = z.object({ title: z.string().trim().min(1).max(300).optional(), ...ScopeShape }).strict();
export type ReportInput = z.infer<typeof ReportInput>;
export const REPORT_FORMATS = ['html', 'pdf', 'docx', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
