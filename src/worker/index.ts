import * as Comlink from 'comlink';
import { WirelightWorker } from './api';
import { withStats } from './stats-api';

/** Worker entry: exposes the API (with the statistics API as `stats`) to the page. */
Comlink.expose(withStats(new WirelightWorker()));
