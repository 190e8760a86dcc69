// Worker entry for the robustness test: worker threads do not inherit the test runner's
// TypeScript loader, so register tsx here and load the TypeScript worker body.
import { register } from 'tsx/esm/api';

register();
await import('./dissect-worker.ts');
