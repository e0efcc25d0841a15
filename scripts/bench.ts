// npm run bench: the pipeline's load of a 150 MB capture (1.47M rows) against a bare papaparse
// parse. Targets: ratio (pipeline / bare time) <= 1.55 and peak RSS <= 150 MB. BENCH_ROWS sets
// another size. Logic: src/pipeline/bench/.
import { fileURLToPath } from 'node:url';
import { runBench } from '../src/pipeline/bench/run.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const rows = process.env.BENCH_ROWS ? Number(process.env.BENCH_ROWS) : undefined;
await runBench({ root, rows });
