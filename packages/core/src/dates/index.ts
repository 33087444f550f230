// Dates and times from partners' lists → UTC instants with a precision (pure, no I/O, no clock).
export { parseDateTime, type DatePrecision, type ParsedDateTime, type DateParseError, type ParseDateTimeOptions } from './parse.js';
export { zonedTimeToUtcMs, zoneOffsetMs, isKnownZone, type LocalFields } from './zone.js';
export { monthNumber } from './months.js';
