/**
 * Entry of the analysis pool's worker threads: piscina calls the default export with each task. It loads the
 * extractor's models once per thread, when the thread starts.
 */
import { analyzeBatch } from './analyze-batch';

export default analyzeBatch;
