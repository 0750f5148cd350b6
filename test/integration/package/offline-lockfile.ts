/**
 * A package-lock.json for a user's project made from this repository's own lockfile, so `npm ci
 * --offline` installs it from the tarballs `npm ci` already put in the npm cache. `npm install
 * --offline` would need each package's registry metadata, which `npm ci` never fetches: on a
 * fresh machine that install fails, and tests talk to no registry.
 */

interface LockEntry {
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly [field: string]: unknown;
}

export interface Lockfile {
  readonly name?: string;
  readonly lockfileVersion: number;
  readonly requires?: boolean;
  readonly packages: Readonly<Record<string, LockEntry>>;
}

export interface LocalPackage {
  readonly name: string;
  readonly version: string;
  /** `file:` path of its tarball, as the project's package.json names it. */
  readonly resolved: string;
  readonly dependencies: Readonly<Record<string, string>>;
  /** Its commands: npm ci links them from the lockfile's entry, not from the package. */
  readonly bin?: Readonly<Record<string, string>>;
}

/**
 * The lockfile of a project named `name` depending on `dependencies` (registry packages, resolved
 * as this repository resolved them) and on `local` (a packed tarball, whose own dependencies are
 * resolved the same way). Throws naming a package this repository's lockfile does not hold.
 */
export function lockfileFor(repo: Lockfile, name: string, dependencies: Readonly<Record<string, string>>, local: LocalPackage): Lockfile {
  const packages: Record<string, LockEntry> = {
    "": { name, version: "1.0.0", dependencies: { ...dependencies, [local.name]: local.resolved } },
    [`node_modules/${local.name}`]: { version: local.version, resolved: local.resolved, dependencies: local.dependencies, ...(local.bin ? { bin: local.bin } : {}) },
  };
  // [installed under, package, required]: optional and peer dependencies (ts-node for
  // @pulumi/pulumi) are taken when this repository installed them, as npm would.
  const queue: Array<readonly [string, string, boolean]> = [...Object.keys(dependencies), ...Object.keys(local.dependencies)].map((dep) => ["", dep, true] as const);
  while (queue.length > 0) {
    const [from, dep, required] = queue.shift()!;
    const path = resolve(repo, from, dep);
    if (path === undefined) {
      if (!required) continue;
      throw new Error(`${dep} (needed under "${from || "the project"}") is not in package-lock.json: run npm install in the repository`);
    }
    if (packages[path] !== undefined) continue;
    const { dev: _dev, devOptional: _devOptional, ...entry } = repo.packages[path]!;
    packages[path] = entry;
    for (const child of Object.keys(entry.dependencies ?? {})) queue.push([path, child, true]);
    for (const child of [...Object.keys(entry.optionalDependencies ?? {}), ...Object.keys(entry.peerDependencies ?? {})]) queue.push([path, child, false]);
  }
  return { name, lockfileVersion: 3, requires: true, packages };
}

/** Where Node would find `dep` from the package installed at `from` (nearest node_modules first). */
function resolve(repo: Lockfile, from: string, dep: string): string | undefined {
  let at = from;
  for (;;) {
    const candidate = `${at === "" ? "" : `${at}/`}node_modules/${dep}`;
    if (repo.packages[candidate] !== undefined) return candidate;
    if (at === "") return undefined;
    const cut = at.lastIndexOf("/node_modules/");
    at = cut < 0 ? "" : at.slice(0, cut);
  }
}
