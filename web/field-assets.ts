/**
 * A Vite plugin that collects the field app's own output files (its entry chunk, every chunk it imports or loads
 * later, their CSS), so the service worker precaches only those and not the staff app's 2.5 MB.
 */
import type { Plugin, Rolldown } from 'vite';

type OutputChunk = Rolldown.OutputChunk;

/** Vite's per-chunk record of the CSS and assets a chunk brought in. */
type Meta = { viteMetadata?: { importedCss?: Set<string>; importedAssets?: Set<string> } };

/** The plugin and the set of file names (e.g. `assets/field-Ab12.js`) it fills at `generateBundle`. */
export function fieldAssets(entryHtml = 'field.html'): { plugin: Plugin; files: Set<string> } {
  const files = new Set<string>();
  const plugin: Plugin = {
    name: 'anwang-field-assets',
    apply: 'build',
    generateBundle(_options, bundle) {
      files.clear();
      const chunks = Object.values(bundle).filter((o): o is OutputChunk => o.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const entry = chunks.find((c) => c.isEntry && (c.facadeModuleId?.endsWith(`/${entryHtml}`) || c.facadeModuleId?.endsWith('/src/field/main.ts')));
      if (!entry) throw new Error(`field-assets: no entry chunk for ${entryHtml}`);
      const walk = (c: OutputChunk) => {
        if (files.has(c.fileName)) return;
        files.add(c.fileName);
        const meta = (c as OutputChunk & Meta).viteMetadata;
        for (const css of meta?.importedCss ?? []) files.add(css);
        for (const next of [...c.imports, ...c.dynamicImports]) {
          const chunk = byName.get(next);
          if (chunk) walk(chunk);
        }
      };
      walk(entry);
    },
  };
  return { plugin, files };
}
