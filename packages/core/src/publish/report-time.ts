/** How reports write times: local to the event's zone, with the precision the source gave. */
import { type StoredRecord } from '../repositories.js';
import { localDateTime, offsetMinutes } from './timezones.js';

/** Precisions known to the hour or better: only these get a clock time (and count in durations). */
export const TIMED = new Set(['exact', 'minutes', 'hour', 'approximate']);

/** The zone of a record linked to an event (a detention, an act): the event's, else Asia/Almaty. */
export function zoneOf(record: StoredRecord, events: Map<string, StoredRecord>): string {
  const event = typeof record.eventId === 'string' ? events.get(record.eventId) : undefined;
  return typeof event?.timezone === 'string' ? event.timezone : 'Asia/Almaty';
}

/** "11:30", "~12:00" (with the UTC offset when a report spans zones), or the date alone when no time is known. */
export function when(at: string, precision: string, zone: string, withDate: boolean, withOffset = false): string {
  const local = localDateTime(at, zone);
  const date = local.slice(0, 10);
  if (!TIMED.has(precision)) {
    if (!withDate && precision === 'day') return 'time not stated';
    return precision === 'week' ? `week of ${date}` : precision === 'month' ? date.slice(0, 7) : date;
  }
  const minutes = offsetMinutes(Date.parse(at), zone);
  const offset = withOffset ? ` UTC${minutes >= 0 ? '+' : '-'}${Math.floor(Math.abs(minutes) / 60)}${Math.abs(minutes) % 60 ? `:${String(Math.abs(minutes) % 60).padStart(2, '0')}` : ''}` : '';
  const time = `${precision === 'approximate' || precision === 'hour' ? '~' : ''}${local.slice(11, 16)}${offset}`;
  return withDate ? `${date} ${time}` : time;
}
