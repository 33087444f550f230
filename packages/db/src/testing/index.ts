export { engines, freshConfig, openTestDatabase, type Engine, type TestDatabase } from './test-database.js';
export * from './factories.js';
