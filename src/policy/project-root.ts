/**
 * The atlasgym checkout this module belongs to, found by walking up from the module's own file. Works the same when
 * run from `src/` through tsx and from `dist/src/` after a build, and does not depend on the working directory.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A file every checkout has and nothing else does: the chat template the trainer shares. */
const MARKER = join("assets", "chat_template.jinja");

let cached: string | undefined;

export function projectRoot(): string {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, MARKER)) && existsSync(join(dir, "package.json"))) return (cached = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the atlasgym project root (no ${MARKER}) above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export function projectPath(...segments: string[]): string {
  return join(projectRoot(), ...segments);
}
