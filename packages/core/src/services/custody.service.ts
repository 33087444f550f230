import { assessCustody, compareUrgency, profileFor, type CustodyAssessment } from '../custody/index.js';
import { AddStepInput } from '../records/detention.schema.js';
import { addHours } from '../time.js';
import { parseInput } from '../records/validate.js';
import { type Repositories, type StoredRecord } from '../repositories.js';
import { type ActorLike, type RecordService } from './record.service.js';

export interface BoardPerson {
  id: string;
  pseudonym: string | null;
  names: { value: string; script: string | null }[];
}

export interface BoardEntry {
  detention: StoredRecord;
  person: BoardPerson | null;
  assessment: CustodyAssessment;
}

export interface CustodyOptions {
  /** Hours of unknown whereabouts before "possible enforced disappearance" (default: profile). */
  disappearanceHours?: number | undefined;
  /**
   * Open cases with no activity for this many days leave the board and are counted as stale
   * (default 30): old records that never noted a release must not bury the live cases.
   */
  boardHorizonDays?: number | undefined;
}

export interface Board {
  entries: BoardEntry[];
  /** Open cases silent for longer than the horizon: incomplete records to update or close. */
  staleCount: number;
  horizonDays: number;
}

const BOARD_LIMIT = 5000;

const jurisdictionOf = (d: StoredRecord): string => (typeof d.jurisdiction === 'string' ? d.jurisdiction : 'KZ');

/** The live custody clock: assessments of one detention, the board of everyone held now. */
export class CustodyService {
  constructor(
    private readonly repos: Repositories,
    private readonly records: RecordService,
    private readonly now: () => string,
    private readonly options: CustodyOptions = {},
  ) {}

  assess(detention: StoredRecord, now = this.now()): CustodyAssessment {
    return assessCustody(
      {
        id: detention.id,
        apprehendedAt: String(detention.apprehendedAt),
        legalBasis: String(detention.legalBasis),
        legalArticle: (detention.legalArticle as string | null) ?? null,
        jurisdiction: jurisdictionOf(detention),
        steps: (detention.steps as { type: string; at: string; placeId?: string | null }[] | null) ?? [],
      },
      now,
      profileFor(jurisdictionOf(detention)),
      this.options.disappearanceHours === undefined ? {} : { disappearanceHours: this.options.disappearanceHours },
    );
  }

  /** The service clock (fixed in tests), so a board says when it was true. */
  clock(): string {
    return this.now();
  }

  /** People held or unaccounted for now, most urgent first, with their alerts. */
  async board(now = this.now()): Promise<Board> {
    const horizonDays = this.options.boardHorizonDays ?? 30;
    const since = addHours(now, -24 * horizonDays);
    const detentions = await this.repos.custody.open(BOARD_LIMIT, since);
    const persons = await this.repos.records.getMany('person', [...new Set(detentions.map((d) => String(d.personId)))]);
    const byId = new Map(persons.map((p) => [p.id, p]));
    const entries = detentions
      .map((detention) => {
        const p = byId.get(String(detention.personId));
        const person: BoardPerson | null = p ? { id: p.id, pseudonym: (p.pseudonym as string | null) ?? null, names: p.names as BoardPerson['names'] } : null;
        return { detention, person, assessment: this.assess(detention, now) };
      })
      .sort((a, b) => compareUrgency(a.assessment, b.assessment));
    return { entries, staleCount: await this.repos.custody.countStale(since), horizonDays };
  }

  /** Appends one step to a custody timeline (a quick action: "family told", "released"…). */
  async addStep(detentionId: string, raw: unknown, actor: ActorLike): Promise<StoredRecord> {
    const { version, ...step } = parseInput(AddStepInput, raw);
    const current = await this.records.editable('detention', detentionId, version);
    return this.records.patchWith('detention', current, { steps: [...((current.steps as unknown[] | null) ?? []), step] }, actor);
  }
}
