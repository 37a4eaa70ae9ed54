/**
 * Structural validation of Atlassian Document Format values against our subset of the ADF schema.
 * One pass, no allocation beyond the path stack, depth-bounded; the first problem found is reported
 * with a path such as `content[0].content[1]`.
 */
import type { AttrSpec } from "./attrs.js";
import { CODE_COMPATIBLE_MARKS, MARKS, NODES, TEXT_MARKS, type NodeSpec } from "./schema.js";
import type { AdfDoc, AdfValidation } from "./types.js";

/** Deeper documents are rejected (real ADF rarely nests beyond ~15 levels). */
export const MAX_ADF_DEPTH = 100;

const NODE_KEYS = new Set(["type", "attrs", "content", "text", "marks"]);
const DOC_KEYS = new Set(["type", "version", "content"]);
const MARK_KEYS = new Set(["type", "attrs"]);

class AdfProblem {
  constructor(readonly message: string) {}
}

type Json = Readonly<Record<string, unknown>>;

function isRecord(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Quotes an untrusted string for a message, shortened so errors stay readable. */
function quote(value: unknown): string {
  const s = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return `'${s.length > 40 ? `${s.slice(0, 40)}...` : s}'`;
}

export function validateAdf(value: unknown): AdfValidation {
  try {
    new Validator().doc(value);
    return { ok: true, doc: value as AdfDoc };
  } catch (e) {
    if (e instanceof AdfProblem) return { ok: false, message: e.message };
    throw e;
  }
}

class Validator {
  /** Path from the document to the current node, as indices into successive `content` arrays. */
  private readonly path: number[] = [];

  doc(value: unknown): void {
    if (!isRecord(value)) throw new AdfProblem("ADF: the value is not a document (expected an object with type 'doc')");
    if (value["type"] !== "doc") throw new AdfProblem(`ADF: the document's type must be 'doc', got ${quote(value["type"])}`);
    if (value["version"] !== 1) throw new AdfProblem("ADF: the document's version must be 1");
    for (const key of Object.keys(value)) {
      if (!DOC_KEYS.has(key)) throw new AdfProblem(`ADF: the document has unknown property ${quote(key)}`);
    }
    if (!Object.hasOwn(value, "content")) throw new AdfProblem("ADF: the document is missing 'content'");
    this.children(value, "doc", NODES.get("doc") as NodeSpec, 1);
  }

  private where(): string {
    return this.path.length === 0 ? "the document" : this.path.map((i) => `content[${i}]`).join(".");
  }

  private fail(type: string, problem: string): never {
    throw new AdfProblem(`ADF: ${this.where()} of type ${quote(type)} ${problem}`);
  }

  private node(value: unknown, parentType: string, parent: NodeSpec, depth: number): void {
    if (!isRecord(value)) throw new AdfProblem(`ADF: ${this.where()} is not a node object`);
    const type = value["type"];
    if (typeof type !== "string") throw new AdfProblem(`ADF: ${this.where()} is missing 'type'`);
    const spec = NODES.get(type);
    if (spec === undefined || type === "doc") throw new AdfProblem(`ADF: ${this.where()} has unknown type ${quote(type)}`);
    if (!parent.children?.has(type)) this.fail(type, `is not allowed inside ${quote(parentType)}`);
    if (depth > MAX_ADF_DEPTH) this.fail(type, `is nested too deeply (more than ${MAX_ADF_DEPTH} levels)`);
    for (const key of Object.keys(value)) {
      if (!NODE_KEYS.has(key)) this.fail(type, `has unknown property ${quote(key)}`);
    }
    if (type === "text") {
      this.text(value, parent.textMarksAllowed);
      return;
    }
    if (Object.hasOwn(value, "text")) this.fail(type, "has unknown property 'text'");
    this.attrs(value["attrs"], Object.hasOwn(value, "attrs"), spec.attrs, (problem) => this.fail(type, problem));
    if (Object.hasOwn(value, "marks")) this.marks(value["marks"], type, spec.nodeMarks, false);
    if (spec.children === null) {
      if (Object.hasOwn(value, "content")) this.fail(type, "cannot have 'content'");
      return;
    }
    this.children(value, type, spec, depth + 1);
  }

  private children(value: Json, type: string, spec: NodeSpec, depth: number): void {
    const content = value["content"];
    if (content === undefined && spec.minChildren === 0) return;
    if (!Array.isArray(content)) {
      if (content === undefined) this.fail(type, "is missing 'content'");
      this.fail(type, "has 'content' that is not an array");
    }
    if (content.length < spec.minChildren) this.fail(type, `must have at least ${spec.minChildren} child node`);
    if (spec.maxChildren !== undefined && content.length > spec.maxChildren) {
      this.fail(type, `must have at most ${spec.maxChildren} child node`);
    }
    this.path.push(0);
    for (let i = 0; i < content.length; i++) {
      this.path[this.path.length - 1] = i;
      this.node(content[i], type, spec, depth);
    }
    this.path.pop();
  }

  private text(value: Json, marksAllowed: boolean): void {
    if (!Object.hasOwn(value, "text")) this.fail("text", "is missing 'text'");
    const text = value["text"];
    if (typeof text !== "string") this.fail("text", "has 'text' that is not a string");
    if (text.length === 0) this.fail("text", "has empty 'text'");
    if (Object.hasOwn(value, "attrs")) this.fail("text", "has unknown property 'attrs'");
    if (Object.hasOwn(value, "marks")) {
      if (!marksAllowed && Array.isArray(value["marks"]) && value["marks"].length > 0) {
        this.fail("text", "cannot have marks inside 'codeBlock'");
      }
      this.marks(value["marks"], "text", TEXT_MARKS, true);
    }
  }

  private marks(marks: unknown, type: string, allowed: ReadonlySet<string>, isText: boolean): void {
    if (!Array.isArray(marks)) this.fail(type, "has 'marks' that is not an array");
    const seen = new Set<string>();
    for (let i = 0; i < marks.length; i++) {
      const mark: unknown = marks[i];
      const at = `marks[${i}]`;
      if (!isRecord(mark)) this.fail(type, `has ${at} that is not a mark object`);
      const markType = mark["type"];
      if (typeof markType !== "string") this.fail(type, `has ${at} without a 'type'`);
      const spec = MARKS.get(markType);
      if (spec === undefined) this.fail(type, `has unknown mark ${quote(markType)}`);
      if (!allowed.has(markType)) this.fail(type, `cannot have the mark ${quote(markType)}`);
      if (seen.has(markType)) this.fail(type, `has the mark ${quote(markType)} twice`);
      seen.add(markType);
      for (const key of Object.keys(mark)) {
        if (!MARK_KEYS.has(key)) this.fail(type, `has ${at} of type ${quote(markType)} with unknown property ${quote(key)}`);
      }
      this.attrs(mark["attrs"], Object.hasOwn(mark, "attrs"), spec.attrs, (problem) =>
        this.fail(type, `has ${at} of type ${quote(markType)} that ${problem}`),
      );
    }
    if (isText && seen.has("code")) {
      for (const m of seen) if (!CODE_COMPATIBLE_MARKS.has(m)) this.fail(type, `cannot combine the 'code' mark with ${quote(m)}`);
    }
  }

  private attrs(value: unknown, present: boolean, spec: AttrSpec, fail: (problem: string) => never): void {
    if (!present) {
      if (spec.required.length > 0) fail(`is missing attrs.${spec.required[0]}`);
      return;
    }
    if (!isRecord(value)) fail("has 'attrs' that is not an object");
    for (const key of spec.required) if (!Object.hasOwn(value, key)) fail(`is missing attrs.${key}`);
    for (const key of Object.keys(value)) {
      const check = spec.checks.get(key);
      if (check === undefined) fail(`has unknown attribute ${quote(key)}`);
      const problem = check(value[key]);
      if (problem !== null) fail(`has invalid attrs.${key}: ${problem}`);
    }
    if (spec.refine) {
      const problem = spec.refine(value);
      if (problem !== null) fail(problem);
    }
  }
}
