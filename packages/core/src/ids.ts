import { v7 as uuidv7 } from 'uuid';

/** Opaque, time-ordered record id (UUIDv7), generated in the app so both engines agree. */
export function newId(): string {
  return uuidv7();
}
