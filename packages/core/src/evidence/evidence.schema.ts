import { z } from 'zod';
import { Confidentiality, Id, Instant, OptionalText, PageQuery, Text } from '../records/common.schema.js';

/** A lowercase hex SHA-256 digest. */
export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256 digest');

/** A media type such as `video/mp4`. */
export const MediaType = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/, 'must be a media type such as video/mp4');

export const SENSITIVITY_LABELS = ['graphic_violence', 'personal_data_visible', 'deleted_by_source', 'minor_visible', 'sexual_violence'] as const;
export const SensitivityLabel = z.enum(SENSITIVITY_LABELS);

export const VERIFICATION_STATUSES = ['unreviewed', 'in_progress', 'needs_help', 'ready_for_review', 'verified', 'disputed', 'unverifiable'] as const;
export const VerificationStatus = z.enum(VERIFICATION_STATUSES);
export type VerificationStatus = z.infer<typeof VerificationStatus>;

export const CUSTODY_ACTIONS = ['ingest', 'view', 'download', 'export', 'transfer', 'rehash'] as const;
export const CustodyAction = z.enum(CUSTODY_ACTIONS);
export type CustodyAction = z.infer<typeof CustodyAction>;

/**
 * Where a copy came from and how it was collected (Berkeley Protocol collection log). One item
 * has one provenance per time the same bytes were received.
 */
export const ProvenanceShape = {
  originalUrl: z.url({ message: 'must be a URL' }).max(2000).nullable().optional(),
  platform: OptionalText(100),
  postingAccount: OptionalText(300),
  postedAt: Instant.nullable().optional(),
  capturedAt: Instant.nullable().optional(),
  capturedBy: OptionalText(300),
  captureTool: OptionalText(300),
  notes: OptionalText(20000),
  sourceId: Id.nullable().optional(),
};
export const ProvenanceInput = z.object(ProvenanceShape).strict();
export type ProvenanceInput = z.infer<typeof ProvenanceInput>;

/** A file name as received: a plain name, never a path. */
export const FileName = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .refine((n) => !/[/\\]/.test(n), 'must be a plain file name without / or \\ (no paths)')
  .refine((n) => n !== '.' && n !== '..' && !n.split(/[/\\]/).includes('..'), 'must not be . or .. (no path traversal)')
  // eslint-disable-next-line no-control-regex
  .refine((n) => !/[\u0000-\u001f\u007f]/.test(n), 'must not contain control characters');

/** What is sent with a file: its name, declared type, description and first provenance. */
export const IngestInput = z
  .object({
    filename: FileName,
    mediaType: MediaType.nullable().optional(),
    title: OptionalText(500),
    description: OptionalText(20000),
    sensitivity: z.array(SensitivityLabel).max(10).default([]),
    confidentiality: Confidentiality.default('restricted'),
    eventIds: z.array(Id).max(50).default([]),
    actIds: z.array(Id).max(50).default([]),
    ...ProvenanceShape,
  })
  .strict();
export type IngestInput = z.infer<typeof IngestInput>;

/** Editable descriptive fields of an item; the file and its hash never change. */
export const EvidencePatch = z
  .object({
    title: OptionalText(500),
    description: OptionalText(20000),
    sensitivity: z.array(SensitivityLabel).max(10).optional(),
    confidentiality: Confidentiality.optional(),
    eventIds: z.array(Id).max(50).optional(),
    actIds: z.array(Id).max(50).optional(),
    version: z.number().int().positive({ message: 'must be the version you last read' }),
  })
  .strict();

export const StatusChangeInput = z
  .object({
    status: VerificationStatus,
    assignee: OptionalText(200),
    comment: OptionalText(20000),
    version: z.number().int().positive({ message: 'must be the version you last read' }),
  })
  .strict();

export const CommentInput = z.object({ body: Text(20000) }).strict();

export const GEO_PRECISIONS = ['exact', 'vicinity', 'locality', 'region'] as const;
export const GEO_METHODS = ['landmark_match', 'satellite_imagery', 'street_level_imagery', 'map', 'metadata_gps', 'witness', 'other'] as const;
export const CHRONO_METHODS = ['sun_position', 'shadow', 'visible_clock', 'post_time', 'metadata', 'witness', 'cross_reference', 'other'] as const;
export const CONFIDENCE = ['low', 'medium', 'high'] as const;
export const CLAIM_STATUSES = ['proposed', 'confirmed', 'rejected'] as const;

export const GeolocationInput = z
  .object({
    lat: z.number().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90'),
    lon: z.number().min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180'),
    precision: z.enum(GEO_PRECISIONS),
    method: z.enum(GEO_METHODS),
    landmarks: z.array(Text(300)).max(50).default([]),
    placeId: Id.nullable().optional(),
    notes: OptionalText(20000),
  })
  .strict();

export const ChronolocationInput = z
  .object({
    from: Instant,
    to: Instant,
    method: z.enum(CHRONO_METHODS),
    confidence: z.enum(CONFIDENCE),
    notes: OptionalText(20000),
  })
  .strict();

export const ClaimReviewInput = z.object({ status: z.enum(CLAIM_STATUSES), note: OptionalText(20000) }).strict();

export const TransferInput = z
  .object({ to: Text(300), note: OptionalText(2000) })
  .strict();

export const EvidenceFilter = z.object({
  ...PageQuery,
  status: VerificationStatus.optional(),
  eventId: Id.optional(),
  sha256: Sha256.optional(),
  mediaType: z.string().max(100).optional(),
});

/** Normalised metadata from exiftool/ffprobe; every field null when unknown. */
export const NormalisedMetadata = z.object({
  captureTime: z.string().nullable(),
  /** Capture time as the device wrote it, when it carried no offset (so UTC is unknown). */
  captureTimeLocal: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  device: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  width: z.number().nullable(),
  height: z.number().nullable(),
});
export type NormalisedMetadata = z.infer<typeof NormalisedMetadata>;

export const ToolReport = z.object({
  tool: z.string(),
  status: z.enum(['ok', 'missing', 'failed', 'skipped']),
  message: z.string().nullable(),
});
export type ToolReport = z.infer<typeof ToolReport>;

export const ProvenanceRecord = z.object({
  id: Id,
  itemId: Id,
  filename: z.string(),
  declaredType: z.string().nullable(),
  receivedAt: z.string(),
  receivedBy: z.string(),
  ...ProvenanceShape,
});
export type ProvenanceRecord = z.infer<typeof ProvenanceRecord>;

export const CustodyEntry = z.object({
  id: Id,
  itemId: Id,
  action: CustodyAction,
  actor: z.string(),
  at: z.string(),
  origin: z.string(),
  /** The hash observed (re-hash) or held (other actions) at that moment; null when the file was missing. */
  sha256: z.string().nullable(),
  result: z.enum(['ok', 'mismatch', 'missing']),
  note: z.string().nullable(),
});
export type CustodyEntry = z.infer<typeof CustodyEntry>;

export const CommentRecord = z.object({ id: Id, itemId: Id, actor: z.string(), at: z.string(), body: z.string() });
export type CommentRecord = z.infer<typeof CommentRecord>;

const ClaimMeta = {
  id: Id,
  itemId: Id,
  version: z.number().int().positive(),
  status: z.enum(CLAIM_STATUSES),
  createdBy: z.string(),
  createdAt: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
};
export const GeolocationRecord = z.object({ ...ClaimMeta, ...GeolocationInput.shape, landmarks: z.array(z.string()) });
export type GeolocationRecord = z.infer<typeof GeolocationRecord>;
export const ChronolocationRecord = z.object({ ...ClaimMeta, ...ChronolocationInput.shape });
export type ChronolocationRecord = z.infer<typeof ChronolocationRecord>;

export const ViewingCopy = z.object({ kind: z.enum(['thumbnail', 'poster']), mediaType: z.string(), width: z.number(), height: z.number() });
export type ViewingCopy = z.infer<typeof ViewingCopy>;

/** One evidence item as stored: the file's identity plus its descriptive and review state. */
export const EvidenceItemShape = {
  id: Id,
  version: z.number().int().positive(),
  sha256: Sha256,
  size: z.number().int().nonnegative(),
  mediaType: z.string(),
  filename: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  sensitivity: z.array(SensitivityLabel),
  confidentiality: Confidentiality,
  status: VerificationStatus,
  assignee: z.string().nullable(),
  eventIds: z.array(Id),
  actIds: z.array(Id),
  metadata: NormalisedMetadata,
  tools: z.array(ToolReport),
  viewingCopies: z.array(ViewingCopy),
  /** 64-bit difference hash of the picture (a video's poster frame), 16 hex digits. */
  phash: z.string().nullable(),
  /**
   * Every perceptual hash of the item: the picture itself, or a video's poster and key frames spread
   * over its duration (blank frames left out). Near duplicates compare every frame with every frame.
   */
  frameHashes: z.array(z.string()),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  deletedAt: z.string().nullable(),
  deletedBy: z.string().nullable(),
};
export const EvidenceItemRecord = z.object(EvidenceItemShape);
export type EvidenceItem = z.infer<typeof EvidenceItemRecord>;

export const NearDuplicate = z.object({ id: Id, distance: z.number().int() });

/** An item with everything shown on its page: provenance, custody log, claims, comments. */
export const EvidenceDetail = EvidenceItemRecord.extend({
  provenance: z.array(ProvenanceRecord),
  custody: z.array(CustodyEntry),
  geolocations: z.array(GeolocationRecord),
  chronolocations: z.array(ChronolocationRecord),
  comments: z.array(CommentRecord),
  nearDuplicates: z.array(NearDuplicate),
  /** Raw tool output (exiftool -json, ffprobe -print_format json), kept verbatim. */
  metadataRaw: z.record(z.string(), z.unknown()),
});
export type EvidenceDetail = z.infer<typeof EvidenceDetail>;

export const IngestResult = z.object({
  item: EvidenceDetail,
  /** True when the bytes were already held: nothing stored again, one more provenance added. */
  duplicate: z.boolean(),
  provenanceId: Id,
});

export const VerifyProblem = z.object({ itemId: Id, sha256: Sha256, problem: z.enum(['mismatch', 'missing']), observed: z.string().nullable() });
export const VerifyReport = z.object({ checked: z.number().int(), ok: z.number().int(), problems: z.array(VerifyProblem) });
export type VerifyReport = z.infer<typeof VerifyReport>;

const Lat = z.coerce.number().min(-90, 'must be between -90 and 90').max(90, 'must be between -90 and 90');
const Lon = z.coerce.number().min(-180, 'must be between -180 and 180').max(180, 'must be between -180 and 180');
const TimeZone = z.string().max(64).refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Almaty').default('Asia/Almaty');
const LocalDate = z.iso.date({ message: 'must be a date YYYY-MM-DD' });

/** Sun times at a place on a local date. */
export const SunTimesQuery = z.object({ lat: Lat, lon: Lon, date: LocalDate, timeZone: TimeZone }).strict();
/** Sun azimuth and altitude at a place and instant. */
export const SunPositionQuery = z.object({ lat: Lat, lon: Lon, at: Instant, timeZone: TimeZone }).strict();
/** Time windows consistent with an object's height and its shadow's length (and bearing). */
export const ShadowQueryInput = z.object({
  lat: Lat, lon: Lon, date: LocalDate, timeZone: TimeZone,
  objectHeight: z.coerce.number().positive('must be positive'),
  shadowLength: z.coerce.number().positive('must be positive'),
  shadowBearing: z.coerce.number().min(0).max(360).optional(),
  altitudeTolerance: z.coerce.number().positive().max(10).optional(),
  bearingTolerance: z.coerce.number().positive().max(45).optional(),
}).strict();

const Count = z.number().int('must be a whole number').min(0, 'must not be negative').nullable().optional();

/** A named group of items within an event, with the dead and injured counted in it. */
export const IncidentShape = {
  eventId: Id,
  title: Text(300),
  from: Instant.nullable().optional(),
  to: Instant.nullable().optional(),
  itemIds: z.array(Id).max(2000).default([]),
  /** People who appear to have been killed in the incident's items ("at least"). */
  killed: Count,
  injured: Count,
  /** Where the counts come from (reports, witness statements). */
  sourceIds: z.array(Id).max(200).default([]),
  countNote: OptionalText(2000),
  description: OptionalText(20000),
};
export const IncidentInput = z.object(IncidentShape).strict();
export const IncidentPatch = z.object({
  title: Text(300).optional(),
  from: Instant.nullable().optional(),
  to: Instant.nullable().optional(),
  itemIds: z.array(Id).max(2000).optional(),
  killed: Count,
  injured: Count,
  sourceIds: z.array(Id).max(200).optional(),
  countNote: OptionalText(2000),
  description: OptionalText(20000),
  version: z.number().int().positive({ message: 'must be the version you last read' }),
}).strict();
export const IncidentFilter = z.object({ eventId: Id, includeDeleted: z.stringbool().default(false) });

export const IncidentRecord = z.object({
  id: Id,
  version: z.number().int().positive(),
  eventId: Id,
  title: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  itemIds: z.array(Id),
  killed: z.number().int().nullable(),
  injured: z.number().int().nullable(),
  sourceIds: z.array(Id),
  countNote: z.string().nullable(),
  description: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  deletedAt: z.string().nullable(),
  deletedBy: z.string().nullable(),
});
export type IncidentRecord = z.infer<typeof IncidentRecord>;

/** An incident with its items summarised: "23 videos, 4 photos, 19 verified". */
export const IncidentSummary = IncidentRecord.extend({
  items: z.object({ total: z.number().int(), videos: z.number().int(), images: z.number().int(), other: z.number().int(), verified: z.number().int() }),
  label: z.string(),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;
