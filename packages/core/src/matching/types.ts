/** What the matcher sees of a person: every spelling of the name plus corroborating fields. */
export interface MatchCandidate {
  /** Opaque id of the person record (or of an incoming row). */
  id: string;
  /** Full names as written, in any script and word order ("Балгабаева Жанара", "Zhanara Balgabayeva"). */
  names: string[];
  birthYear?: number | null;
  /** City as written ("Almaty", "Алматы", "Alma-Ata"). */
  city?: string | null;
  /** Outlets, NGOs, parties the person is linked to. */
  organisations?: string[];
  /** Events (ids) the person was recorded at. */
  eventIds?: string[];
}

/** A proposed pair: a is from the incoming list, b from the existing one; score in 0..1. */
export interface CandidatePair {
  a: string;
  b: string;
  score: number;
  reasons: string[];
}

/** Result of scoring two candidates. */
export interface PairScore {
  score: number;
  reasons: string[];
}
