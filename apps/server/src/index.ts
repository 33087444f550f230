export { buildApp, BODY_LIMIT } from './app.js';
export { startServer, type StartOptions } from './start.js';
export { HTTP_STATUS } from './errors.js';
