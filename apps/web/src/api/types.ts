import type {
  ActRecord as ActSchema,
  CustodyAssessment,
  DetentionRecord,
  EventRecord,
  FieldProblem,
  OfficialFigureRecord as OfficialFigureSchema,
  PersonRecord,
  PlaceRecord,
  SourceRecord as SourceSchema,
} from '@vigil/core/contract';
import { type z } from 'zod';
export type { Alert, CustodyAssessment, DetentionRecord, EventRecord, FieldProblem, PersonRecord, PlaceRecord } from '@vigil/core/contract';
export type SourceRecord = z.infer<typeof SourceSchema>;
export type ActRecord = z.infer<typeof ActSchema>;
export type OfficialFigureRecord = z.infer<typeof OfficialFigureSchema>;
export type CustodyStep = DetentionRecord['steps'][number];

/** A list page from any collection. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** What GET /api/v1/custody/board gives for one person (core's BoardEntry, which the contract does not export). */
export interface BoardEntry {
  detention: DetentionRecord;
  person: { id: string; pseudonym: string | null; names: { value: string; script: string | null }[] } | null;
  assessment: CustodyAssessment;
}

export interface Board {
  generatedAt: string;
  count: number;
  items: BoardEntry[];
}

export interface VocabularyTerm {
  vocabulary: string;
  code: string;
  labels: { en?: string; ru?: string; kk?: string };
  position: number;
  deprecated: boolean;
}

export interface ErrorBody {
  error: { code: string; message: string; fields: FieldProblem[] };
}

/** Collections as named in the URL (`/api/v1/{collection}`). */
export type Collection = 'events' | 'places' | 'persons' | 'organisations' | 'acts' | 'detentions' | 'charges' | 'sources' | 'official-figures' | 'complaints';

export interface RecordOf {
  events: EventRecord;
  places: PlaceRecord;
  persons: PersonRecord;
  detentions: DetentionRecord;
  sources: SourceRecord;
  acts: ActRecord;
  'official-figures': OfficialFigureRecord;
  organisations: { id: string; name: string };
  charges: { id: string };
  complaints: { id: string };
}
