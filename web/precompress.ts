/**
 * A Vite plugin that writes a brotli (.br) and a gzip (.gz) copy beside every built text file, so the server sends
 * compressed bytes without compressing on each request (@fastify/static's preCompressed picks by Accept-Encoding).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

// ttf: the field app's Tibetan font (595 KB, 182 KB as brotli); webmanifest: the field app's manifest.
const compressible = /\.(js|mjs|css|html|svg|json|txt|map|ttf|webmanifest)$/;

/** Files below this size gain nothing worth a second round of negotiation. */
const minBytes = 1024;

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Writes `<file>.br` and `<file>.gz` for each compressible file of the output directory (only when smaller). */
export function precompress(outDir: string): Plugin {
  return {
    name: 'anwang-precompress',
    apply: 'build',
    // After every other plugin's closeBundle: the field app's service worker is written by vite-plugin-pwa there.
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        for (const file of files(outDir)) {
          if (!compressible.test(file) || statSync(file).size < minBytes) continue;
          const raw = readFileSync(file);
          const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
          const gz = gzipSync(raw, { level: 9 });
          if (br.length < raw.length) writeFileSync(`${file}.br`, br);
          if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
        }
      },
    },
  };
}
