// Entry of the PDF worker thread: TypeScript loads through tsx here, as bin/anwang.js does for the server.
import { register } from 'tsx/esm/api';

register();
await import('./pdf-worker.ts');
