/** Piscina's worker for the tiny-task comparison: the very same workload function our thread host runs. */
import { createInlineContext } from '../src/workers/calling-thread/inline-context';
import { sumSquaresWorkload, type SumSquaresInput } from '../src/workers/workloads/sum-squares';

const ctx = createInlineContext({ signal: new AbortController().signal, yieldEveryMs: Infinity });

module.exports = (input: SumSquaresInput) => sumSquaresWorkload(input, ctx);
