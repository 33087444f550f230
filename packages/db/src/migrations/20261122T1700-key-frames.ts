// Frozen: never import application code here; a later change gets a new migration.
// Perceptual hashes of a video's key frames (not only its poster frame), so a trimmed or re-cut
// copy is still found as a near duplicate. A JSON array of 16-hex-digit hashes; null on items
// stored before, which keep their single `phash`.
import { type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('evidence_items').addColumn('frame_hashes', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Vigil migrations are forward-only: restore a backup to go back.');
}
