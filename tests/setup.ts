import { setQuiet } from '../src/log.ts';

// Progress lines would drown the test report; errors and warnings still print.
setQuiet(true);
