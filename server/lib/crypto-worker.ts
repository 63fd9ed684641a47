/** A worker thread that encrypts batches of values with the key ring it was given (bulk imports). */
import { parentPort, workerData } from 'node:worker_threads';
import { softwareCrypto, type KeyRing } from './crypto.ts';

const crypto = softwareCrypto(workerData as KeyRing);
parentPort!.on('message', ({ id, values }: { id: number; values: (string | null)[] }) => {
  parentPort!.postMessage({ id, out: values.map((v) => (v === null ? null : crypto.encrypt(v))) });
});
