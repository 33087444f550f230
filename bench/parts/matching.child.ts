// Run by matching.ts in a process of its own: prints the matching measurement as JSON.
import { measureMatching } from './matching.js';

const [existing, seed] = process.argv.slice(2).map(Number);
if (!existing || seed === undefined) throw new Error('usage: matching.child.ts EXISTING SEED');
process.stdout.write(JSON.stringify(measureMatching(existing, seed)));
