import { startServer } from './start.js';

/** `npm start`: serve on 127.0.0.1:4100 with SQLite in ./data unless configured otherwise. */
async function main(): Promise<void> {
  const app = await startServer();
  const stop = () => {
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`vigil: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
