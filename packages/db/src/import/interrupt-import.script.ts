// Run by interrupted.test.ts as a child process: imports a CSV through the real services, and
// once the first batch is committed prints its progress and freezes, so the test can kill the
// process mid-run (SIGKILL: no finally blocks, no last update of the run, as in a crash).
import { createServices } from '@vigil/core';
import { type DatabaseConfig } from '../config.js';
import { connect } from '../connect.js';
import { createRepositories } from '../repositories/index.js';

const [configJson, file, mappingJson] = process.argv.slice(2);
if (!configJson || !file || !mappingJson) throw new Error('usage: interrupt-import.script.ts CONFIG_JSON FILE MAPPING_JSON');
const repos = createRepositories(await connect(JSON.parse(configJson) as DatabaseConfig));
const services = createServices(repos);
const frozen = new Int32Array(new SharedArrayBuffer(4));
await services.imports.run(services.imports.localFile(file), services.imports.parseMapping(JSON.parse(mappingJson)), { id: 'crash-test', name: 'crash-test' }, {
  onProgress: (p) => {
    if (p.phase !== 'writing' || p.done === 0) return;
    process.stdout.write(`${JSON.stringify({ committed: p.done })}\n`);
    // Blocks the whole process (event loop, heartbeat timer) until it is killed.
    Atomics.wait(frozen, 0, 0);
  },
});
process.stdout.write('finished\n');
