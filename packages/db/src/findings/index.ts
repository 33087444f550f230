export { FINDING_SEALED_COLUMNS, KyselyFindingStore } from './finding.store.js';
