// Bundles the compiled CLI and training-worker entries (dist/src/...) in place with esbuild, so a
// start loads one file instead of ~220 compiled modules plus the hundreds of files of kysely's ESM
// build. The other compiled files stay in dist/: the knowledge cache key hashes the loaders' code
// there (src/training/knowledge-folder-key.ts), and every `import.meta` below is rewritten to the
// URL of the compiled file it came from, so assets, schemas and the worker entry resolve exactly
// as they do unbundled.
import fs from 'node:fs';
import path from 'node:path';

/** Compiled entries, relative to dist/src, each replaced by its bundle. */
const ENTRIES = ['cli/main.js', 'training/training.worker.js'];
/**
 * Packages loaded from node_modules at run time instead of inlined: sqlite3 is native; pino starts
 * its transports in worker threads from files next to it; natural is loaded through createRequire
 * (src/shared/natural.ts) and is huge; tsx is only for the sources. The Bot Framework SDK is
 * inlined: loading its hundreds of CommonJS files (with @azure/*, axios...) was ~0.7 s of a start.
 */
const EXTERNAL = ['sqlite3', 'pino', 'pino-*', 'natural', 'tsx'];
/**
 * Inlined CommonJS packages call `require` for Node built-ins, which an ESM bundle lacks; the
 * helpers the `import.meta` rewrite uses come along. Names are prefixed so they cannot clash.
 */
const BANNER = [
  "import { createRequire as __adCreateRequire } from 'node:module';",
  "import { dirname as __adDirname } from 'node:path';",
  "import { fileURLToPath as __adFileURLToPath } from 'node:url';",
  'const require = __adCreateRequire(import.meta.url);',
].join('\n');

/**
 * Replaces each entry of `<dist>/src` by an ESM bundle of it. Returns `null` on success, else a
 * message naming what failed; the caller then removes dist/ so the sources run instead.
 */
export async function bundleCompiled(dist, esbuild) {
  const srcDir = path.join(dist, 'src');
  for (const entry of ENTRIES) {
    const outfile = path.join(srcDir, entry);
    const result = await esbuild
      .build({
        entryPoints: [outfile],
        outfile,
        allowOverwrite: true,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        sourcemap: false,
        logLevel: 'warning',
        external: EXTERNAL,
        banner: { js: BANNER },
        plugins: [keepImportMetaOf(dist, path.dirname(outfile))],
      })
      .then(
        () => null,
        (error) => `${entry}: ${error.message}`,
      );
    if (result !== null) return result;
  }
  return null;
}

/**
 * An esbuild plugin rewriting `import.meta.url`/`.dirname` in the compiled files under `dist` (see
 * the header); inlined packages keep theirs. Only those two are rewritten: src uses no other.
 */
function keepImportMetaOf(dist, bundleDir) {
  return {
    name: 'keep-import-meta',
    setup(build) {
      build.onLoad({ filter: /[\\/]dist[\\/](src|dialogs)[\\/].*\.js$/ }, async (args) => {
        const code = await fs.promises.readFile(args.path, 'utf8');
        if (!args.path.startsWith(dist + path.sep) || !code.includes('import.meta'))
          return { contents: code, loader: 'js' };
        const relative = path.relative(bundleDir, args.path).split(path.sep).join('/');
        const fileUrl = `new URL(${JSON.stringify(relative)}, import.meta.url).href`;
        return {
          contents: code
            .replaceAll('import.meta.url', fileUrl)
            .replaceAll('import.meta.dirname', `__adDirname(__adFileURLToPath(${fileUrl}))`),
          loader: 'js',
        };
      });
    },
  };
}
