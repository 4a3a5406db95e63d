/**
 * A package-lock.json for a consumer project, cut from the repo's own lockfile, so that
 * `npm ci --offline` installs the packed package and its dependencies from the tarballs the repo's
 * `npm ci` already put in the npm cache. `npm install --offline` would also need each package's
 * registry metadata, which `npm ci` never fetches, so on a fresh machine it fails with ENOTCACHED.
 * The cut follows Node's resolution through the lockfile's folder layout from the consumer's direct
 * dependencies, so a dependency the package forgot to declare is missing in the consumer, as it
 * would be for a real user.
 * @see https://docs.npmjs.com/cli/v11/configuring-npm/package-lock-json
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename } from "node:path";

interface LockEntry {
  readonly version?: string;
  readonly resolved?: string;
  readonly integrity?: string;
  readonly bin?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  readonly [key: string]: unknown;
}

/** The folder `name` resolves to from the package installed at `from` (`""` is the root). */
function resolveIn(packages: Record<string, LockEntry>, from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = `${dir === "" ? "" : `${dir}/`}node_modules/${name}`;
    if (packages[candidate]) return candidate;
    if (dir === "") return null;
    const at = dir.lastIndexOf("/node_modules/");
    dir = at === -1 ? "" : dir.slice(0, at);
  }
}

/** What a lock entry needs at run time: its dependencies, optional ones and non-optional peers. */
function needs(entry: LockEntry): string[] {
  const optionalPeers = new Set(
    Object.entries(entry.peerDependenciesMeta ?? {})
      .filter(([, meta]) => meta.optional)
      .map(([name]) => name),
  );
  return [
    ...Object.keys(entry.dependencies ?? {}),
    ...Object.keys(entry.optionalDependencies ?? {}),
    ...Object.keys(entry.peerDependencies ?? {}).filter((name) => !optionalPeers.has(name)),
  ];
}

/**
 * The consumer's package.json and package-lock.json: `tarball` (a packed api-contracts, placed in
 * the consumer's parent folder) plus `extra` packages taken at the repo's versions.
 */
export function consumerLockfile(
  repoLockFile: string,
  tarball: string,
  extra: readonly string[],
): { manifest: object; lockfile: object } {
  const lock = JSON.parse(readFileSync(repoLockFile, "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const root = lock.packages[""] as LockEntry & { name: string; version: string };
  const bytes = readFileSync(tarball);
  const spec = `file:../${basename(tarball)}`;
  const self: LockEntry = {
    version: root.version,
    resolved: spec,
    integrity: `sha512-${createHash("sha512").update(bytes).digest("base64")}`,
    // `npm ci` links bins from the lockfile's entry, not from the tarball's package.json.
    ...(root.bin ? { bin: root.bin } : {}),
    ...(root.dependencies ? { dependencies: root.dependencies } : {}),
    ...(root.peerDependencies ? { peerDependencies: root.peerDependencies } : {}),
    ...(root.peerDependenciesMeta ? { peerDependenciesMeta: root.peerDependenciesMeta } : {}),
  };
  const direct: Record<string, string> = { [root.name]: spec };
  for (const name of extra) {
    const entry = lock.packages[`node_modules/${name}`];
    if (!entry?.version) throw new Error(`${name} is not in the repo's lockfile`);
    direct[name] = entry.version;
  }
  const packages: Record<string, LockEntry> = {
    "": { name: "consumer", dependencies: direct },
    [`node_modules/${root.name}`]: self,
  };
  // The repo's own folder layout, with the package itself where a consumer installs it.
  const selfPath = `node_modules/${root.name}`;
  const layout: Record<string, LockEntry> = { ...lock.packages, [selfPath]: self };
  const queue: [string, string][] = Object.keys(direct).map((name) => ["", name]);
  const visited = new Set<string>();
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [from, name] = next;
    const at = resolveIn(layout, from, name);
    if (at === null || visited.has(at)) continue;
    visited.add(at);
    const entry = layout[at] as LockEntry;
    if (at !== selfPath) {
      const { dev: _dev, devOptional: _devOptional, peer: _peer, ...kept } = entry;
      packages[at] = kept;
    }
    for (const dependency of needs(entry)) queue.push([at, dependency]);
  }
  return {
    manifest: { name: "consumer", private: true, type: "module", dependencies: direct },
    lockfile: { name: "consumer", lockfileVersion: 3, requires: true, packages },
  };
}
