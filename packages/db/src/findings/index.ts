export { KyselyFindingStore } from './finding.store.js';
