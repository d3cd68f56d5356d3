// Whether this code runs from the single-file build (dist/git-rocky.cjs, see
// scripts/build-bundle.mjs) rather than from tsc's per-module output. The bundler defines these
// names; everywhere else (dist/, the tests through tsx) they are undeclared, hence the typeof.
declare const ROCKY_BUNDLE: boolean | undefined;
declare const ROCKY_VERSION: string | undefined;

export const inBundle: boolean = typeof ROCKY_BUNDLE !== 'undefined' && ROCKY_BUNDLE === true;

/** The package version, fixed at build time: in the bundle, yargs's own search for package.json
 *  (from where it finds its own code, up to node_modules/) would find none, or the wrong one. */
export const bundledVersion: string | null = typeof ROCKY_VERSION === 'string' ? ROCKY_VERSION : null;
