import { setQuiet } from '../src/core/log.ts';

// Progress lines would drown the test report; errors and warnings still print.
setQuiet(true);
