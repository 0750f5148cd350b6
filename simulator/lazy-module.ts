/**
 * Loads a module of this package when first needed, however the package runs. Compiled
 * JavaScript, and TypeScript through tsx's require hook (bin/eni-sim.js in a checkout), load it
 * with `require`: tsx's CommonJS hook hands `import()` to Node's ESM loader, which cannot resolve
 * the sources' extensionless paths. Where `require` cannot load TypeScript (vitest's module
 * runner), `import()` does. Callers pass both forms of the same path.
 */
const requireLoadsSources = __filename.endsWith(".js") || require.extensions[".ts"] !== undefined;

export function loadModule<T>(viaRequire: () => T, viaImport: () => Promise<T>): Promise<T> {
  return requireLoadsSources ? Promise.resolve().then(viaRequire) : viaImport();
}
