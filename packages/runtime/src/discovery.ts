import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Plugin, PluginError, type PluginRole, shortName } from "@colorize/core";

/** A plugin found on disk, with where it came from. */
export interface LoadedPlugin {
  readonly plugin: Plugin;
  /** Package name, equal to `plugin.meta.name`. */
  readonly name: string;
  /** Short name used on the command line, e.g. `knn`. */
  readonly short: string;
  /** Absolute path of the module that default-exports the plugin (workers import it too). */
  readonly entry: string;
}

/** Options of {@link discoverPlugins}. */
export interface DiscoverOptions {
  /** Folder to start looking for the workspace from (default: this package's folder). */
  readonly from?: string;
  /** Extra plugins: a package folder or a JS module file each (`--plugin PATH`). */
  readonly extra?: readonly string[];
  /**
   * Called for a workspace plugin that fails to load (not built, broken export); it is skipped so
   * one broken package does not take the others down. Without it such a failure throws.
   * Extra plugins named explicitly always throw.
   */
  readonly onProblem?: (message: string) => void;
  /**
   * The agents wanted, by short or package name: when each of them names a workspace package,
   * only those packages are imported (a run of one agent loads no other plugin's code). When any
   * does not, every plugin is loaded, so that the error can list them all.
   */
  readonly names?: readonly string[];
}

interface PackageJson {
  name?: string;
  main?: string;
  exports?: unknown;
  colorize?: { plugin?: boolean };
}

function readPackageJson(dir: string): PackageJson | undefined {
  const file = join(dir, "package.json");
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as PackageJson;
  } catch {
    return undefined;
  }
}

/** The module a package's `import` resolves to at run time (its built entry, not sources). */
function packageEntry(dir: string, pkg: PackageJson): string {
  const exp = pkg.exports as Record<string, unknown> | string | undefined;
  let rel: string | undefined;
  if (typeof exp === "string") rel = exp;
  else if (exp && typeof exp === "object") {
    const dot = (exp["."] ?? exp) as Record<string, unknown> | string;
    rel = typeof dot === "string" ? dot : ((dot.import ?? dot.default) as string | undefined);
  }
  rel ??= pkg.main ?? "index.js";
  return resolve(dir, rel);
}

/** Folders that may hold plugin packages: the workspace's packages/ and any node_modules/@colorize. */
function candidateDirs(from: string): string[] {
  const dirs: string[] = [];
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) {
      for (const group of ["packages", "plugins"]) {
        const g = join(dir, group);
        if (existsSync(g)) for (const d of readdirSync(g)) dirs.push(join(g, d));
      }
      break;
    }
    const scoped = join(dir, "node_modules", "@colorize");
    if (existsSync(scoped)) for (const d of readdirSync(scoped)) dirs.push(join(scoped, d));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dirs;
}

/** Imports a module and checks that its default export is a plugin. */
export async function loadPluginModule(entry: string): Promise<LoadedPlugin> {
  if (!existsSync(entry)) throw new PluginError(`plugin module ${entry} does not exist (is it built?)`);
  const mod = (await import(pathToFileURL(entry).href)) as { default?: Plugin };
  const plugin = mod.default;
  if (!plugin || typeof plugin !== "object" || !plugin.meta || typeof plugin.create !== "function") {
    throw new PluginError(`${entry} does not default-export a plugin made with definePlugin`);
  }
  return { plugin, name: plugin.meta.name, short: shortName(plugin.meta.name), entry };
}

/** Loads a plugin from a package folder or a module file. */
export async function loadPluginFrom(path: string): Promise<LoadedPlugin> {
  const abs = isAbsolute(path) ? path : resolve(path);
  if (!existsSync(abs)) throw new PluginError(`plugin path ${path} does not exist`);
  if (statSync(abs).isDirectory()) {
    const pkg = readPackageJson(abs);
    if (!pkg) throw new PluginError(`plugin folder ${path} has no package.json`);
    return loadPluginModule(packageEntry(abs, pkg));
  }
  return loadPluginModule(abs);
}

/**
 * Finds every plugin package (a package.json with `"colorize": {"plugin": true}`) in the
 * workspace and in node_modules/@colorize (only those `names` mean, when given and all found),
 * plus `extra` paths; sorted by name so runs are reproducible. Two plugins with the same name are
 * refused.
 */
export async function discoverPlugins(options: DiscoverOptions = {}): Promise<LoadedPlugin[]> {
  const from = options.from ?? dirname(fileURLToPath(import.meta.url));
  const found = new Map<string, LoadedPlugin>();
  const seenDirs = new Set<string>();
  const add = (p: LoadedPlugin) => {
    const prev = found.get(p.name);
    if (prev && prev.entry !== p.entry) {
      throw new PluginError(`two plugins are named ${p.name}: ${prev.entry} and ${p.entry}`);
    }
    found.set(p.name, p);
  };
  const packages: { dir: string; pkg: PackageJson }[] = [];
  for (const dir of candidateDirs(from)) {
    if (seenDirs.has(dir)) continue;
    seenDirs.add(dir);
    const pkg = readPackageJson(dir);
    if (pkg?.colorize?.plugin) packages.push({ dir, pkg });
  }
  const means = (pkg: PackageJson, name: string) =>
    pkg.name !== undefined && (pkg.name === name || shortName(pkg.name) === name);
  const { names } = options;
  const chosen = names?.every((n) => packages.some(({ pkg }) => means(pkg, n)))
    ? packages.filter(({ pkg }) => names.some((n) => means(pkg, n)))
    : packages;
  for (const { dir, pkg } of chosen) {
    try {
      const loaded = await loadPluginModule(packageEntry(dir, pkg));
      if (pkg.name && loaded.name !== pkg.name) {
        throw new PluginError(`plugin in ${dir} is named ${loaded.name} but its package is ${pkg.name}`);
      }
      add(loaded);
    } catch (err) {
      if (!options.onProblem) throw err;
      options.onProblem(`skipped plugin ${pkg.name ?? dir}: ${(err as Error).message.split("\n")[0]}`);
    }
  }
  for (const path of options.extra ?? []) add(await loadPluginFrom(path));
  return [...found.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Finds a plugin by short name (`knn`) or package name; the error lists the known ones. */
export function findPlugin(plugins: readonly LoadedPlugin[], name: string): LoadedPlugin {
  const hit = plugins.find((p) => p.short === name || p.name === name);
  if (!hit) {
    throw new PluginError(
      `unknown agent ${name} (known: ${plugins.map((p) => p.short).join(", ") || "none"})`,
    );
  }
  return hit;
}

/**
 * The first plugin (in the order given: discovery sorts by name) that declares `role` in its
 * `meta.role`, or undefined. Packages that need "the basic agent" ask this, never for a name.
 */
export function findRole(plugins: readonly LoadedPlugin[], role: PluginRole): LoadedPlugin | undefined {
  return plugins.find((p) => p.plugin.meta.role === role);
}
