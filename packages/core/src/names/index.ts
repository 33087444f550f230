// Name normalisation: transliteration and search keys for people's names (pure, no I/O).
export { cyrillicToLatin, detectScript, type Script } from './transliterate.js';
export { foldName, nameTokens, queryTokens } from './search-keys.js';
export { repairMixedScript } from './homoglyphs.js';
