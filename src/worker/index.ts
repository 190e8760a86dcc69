import * as Comlink from 'comlink';
import { WirelightWorker } from './api';

/** Worker entry: exposes the API to the page. */
Comlink.expose(new WirelightWorker());
