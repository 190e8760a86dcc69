/** Re-renders tests/bench/RESULTS.md from bench-out/results.json (after a change to report.ts). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderResults, type BenchResults } from './report';

const results = JSON.parse(readFileSync(join('bench-out', 'results.json'), 'utf8')) as BenchResults;
writeFileSync(join('tests', 'bench', 'RESULTS.md'), renderResults(results));
