// Gives the memory of typed arrays back to the system now, not at some later garbage collection.
// V8 frees an ArrayBuffer's memory only when a GC finds it dead, and a GC is due only when the
// small JS heap fills — which the trainer's typed-array phases hardly touch. On a corpus-scale run
// the count table is the largest structure until the merge phase (0.75 GB at 20M distinct words)
// and, left to the GC, it was still resident while the merge phase grew: +0.58 GB of peak RSS on
// the 20M-distinct-word corpus (bench/RESULTS.md). Transferring the buffers into a message that
// is never delivered detaches them (their views read as empty), and closing the channel frees the
// message with its memory on the next turn of the event loop.

import { MessageChannel } from 'node:worker_threads';

/** Detaches `buffers` and frees their memory before the returned promise settles. */
export async function releaseBuffers(buffers: readonly ArrayBuffer[]): Promise<void> {
  if (buffers.length === 0) return;
  const { port1, port2 } = new MessageChannel();
  port2.close();
  try {
    port1.postMessage(null, [...buffers]);
  } catch {
    // A buffer that cannot be transferred (already detached, shared) is left to the GC.
  } finally {
    port1.close();
  }
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
}
