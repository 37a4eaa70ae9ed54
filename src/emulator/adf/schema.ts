/**
 * The subset of the ADF JSON schema (http://go.atlassian.com/adf-json-schema) that atlasgym
 * accepts: which nodes exist, their attributes, which children and marks each may hold.
 * Everything is looked up through Maps so that type names like `__proto__` are simply unknown.
 */
import {
  arrayOf,
  attrs,
  intRange,
  isBoolean,
  isNonEmptyString,
  isNumber,
  isObject,
  isString,
  matches,
  NO_ATTRS,
  numberRange,
  oneOf,
  type AttrSpec,
} from "./attrs.js";

export interface NodeSpec {
  readonly attrs: AttrSpec;
  /** Allowed child types; null for leaf nodes (no `content` key allowed). */
  readonly children: ReadonlySet<string> | null;
  /** Minimum number of children (1 where the schema says `minItems: 1`). */
  readonly minChildren: number;
  /** Exact number of children, when fixed (mediaSingle holds exactly one media). */
  readonly maxChildren?: number;
  /** Marks the node itself may carry (text marks live on text nodes; see MARKS). */
  readonly nodeMarks: ReadonlySet<string>;
  /** Whether `text` children may carry marks (false inside codeBlock). */
  readonly textMarksAllowed: boolean;
}

export interface MarkSpec {
  readonly attrs: AttrSpec;
}

const INLINE = ["text", "hardBreak", "mention", "emoji", "inlineCard", "date", "status"];
const LISTS = ["bulletList", "orderedList"];
const MEDIA = ["mediaSingle", "mediaGroup"];
/** Blocks that may sit at the top level of a document. */
const TOP_BLOCKS = [
  "paragraph",
  "heading",
  ...LISTS,
  "codeBlock",
  "blockquote",
  "rule",
  "panel",
  "table",
  "taskList",
  "decisionList",
  "expand",
  "blockCard",
  ...MEDIA,
];
const PANEL_CONTENT = ["paragraph", "heading", ...LISTS, "codeBlock", ...MEDIA, "taskList", "rule", "decisionList", "blockCard"];
const CELL_CONTENT = [
  "paragraph",
  "panel",
  "blockquote",
  ...LISTS,
  "rule",
  "heading",
  "codeBlock",
  ...MEDIA,
  "decisionList",
  "taskList",
  "blockCard",
  "nestedExpand",
];
const EXPAND_CONTENT = TOP_BLOCKS.filter((t) => t !== "expand");
const NESTED_EXPAND_CONTENT = [
  "paragraph",
  "heading",
  "codeBlock",
  ...MEDIA,
  "rule",
  ...LISTS,
  "panel",
  "blockquote",
  "taskList",
  "decisionList",
];

const EMPTY = new Set<string>();
const ALIGN_INDENT = new Set(["alignment", "indentation"]);

function node(
  spec: Partial<Omit<NodeSpec, "children" | "nodeMarks">> & { children?: string[] | null; nodeMarks?: ReadonlySet<string> },
): NodeSpec {
  return {
    attrs: spec.attrs ?? NO_ATTRS,
    children: spec.children ? new Set(spec.children) : null,
    minChildren: spec.minChildren ?? 0,
    ...(spec.maxChildren === undefined ? {} : { maxChildren: spec.maxChildren }),
    nodeMarks: spec.nodeMarks ?? EMPTY,
    textMarksAllowed: spec.textMarksAllowed ?? true,
  };
}

const cardAttrs = attrs({ url: isString, data: isObject }, [], (a) =>
  Object.hasOwn(a, "url") || Object.hasOwn(a, "data") ? null : "needs attrs.url or attrs.data",
);
const cellAttrs = attrs({
  colspan: intRange(1, Number.MAX_SAFE_INTEGER),
  rowspan: intRange(1, Number.MAX_SAFE_INTEGER),
  colwidth: arrayOf(isNumber, "numbers"),
  background: isString,
});

export const NODES: ReadonlyMap<string, NodeSpec> = new Map<string, NodeSpec>([
  ["doc", node({ children: TOP_BLOCKS })],
  ["paragraph", node({ children: INLINE, nodeMarks: ALIGN_INDENT })],
  ["heading", node({ children: INLINE, attrs: attrs({ level: intRange(1, 6) }, ["level"]), nodeMarks: ALIGN_INDENT })],
  ["bulletList", node({ children: ["listItem"], minChildren: 1 })],
  ["orderedList", node({ children: ["listItem"], minChildren: 1, attrs: attrs({ order: intRange(0, Number.MAX_SAFE_INTEGER) }) })],
  ["listItem", node({ children: ["paragraph", "codeBlock", "mediaSingle", ...LISTS, "taskList"], minChildren: 1 })],
  [
    "codeBlock",
    node({ children: ["text"], attrs: attrs({ language: isString }), textMarksAllowed: false, nodeMarks: new Set(["breakout"]) }),
  ],
  ["blockquote", node({ children: ["paragraph", ...LISTS, "codeBlock", ...MEDIA], minChildren: 1 })],
  ["rule", node({})],
  [
    "panel",
    node({
      children: PANEL_CONTENT,
      minChildren: 1,
      attrs: attrs(
        {
          panelType: oneOf("info", "note", "tip", "warning", "error", "success", "custom"),
          panelIcon: isString,
          panelIconId: isString,
          panelIconText: isString,
          panelColor: isString,
        },
        ["panelType"],
      ),
    }),
  ],
  [
    "table",
    node({
      children: ["tableRow"],
      minChildren: 1,
      attrs: attrs({
        isNumberColumnEnabled: isBoolean,
        layout: oneOf("default", "center", "wide", "full-width", "align-start", "align-end"),
        width: isNumber,
        displayMode: oneOf("default", "fixed"),
        __autoSize: isBoolean,
      }),
    }),
  ],
  ["tableRow", node({ children: ["tableHeader", "tableCell"], minChildren: 1 })],
  ["tableHeader", node({ children: CELL_CONTENT, minChildren: 1, attrs: cellAttrs })],
  ["tableCell", node({ children: CELL_CONTENT, minChildren: 1, attrs: cellAttrs })],
  ["taskList", node({ children: ["taskItem", "taskList"], minChildren: 1, attrs: attrs({}, ["localId"]) })],
  ["taskItem", node({ children: INLINE, attrs: attrs({ state: oneOf("TODO", "DONE") }, ["localId", "state"]) })],
  ["decisionList", node({ children: ["decisionItem"], minChildren: 1, attrs: attrs({}, ["localId"]) })],
  ["decisionItem", node({ children: INLINE, attrs: attrs({ state: isString }, ["localId", "state"]) })],
  ["expand", node({ children: EXPAND_CONTENT, minChildren: 1, attrs: attrs({ title: isString }), nodeMarks: new Set(["breakout"]) })],
  ["nestedExpand", node({ children: NESTED_EXPAND_CONTENT, minChildren: 1, attrs: attrs({ title: isString }) })],
  ["blockCard", node({ attrs: cardAttrs })],
  [
    "mediaSingle",
    node({
      children: ["media"],
      minChildren: 1,
      maxChildren: 1,
      attrs: attrs({
        layout: oneOf("wrap-left", "center", "wrap-right", "wide", "full-width", "align-start", "align-end"),
        width: numberRange(0, 100),
        widthType: oneOf("percentage", "pixel"),
      }),
      nodeMarks: new Set(["link"]),
    }),
  ],
  ["mediaGroup", node({ children: ["media"], minChildren: 1 })],
  [
    "media",
    node({
      attrs: attrs(
        {
          type: oneOf("file", "link", "external"),
          id: isString,
          collection: isString,
          url: isString,
          alt: isString,
          width: isNumber,
          height: isNumber,
          occurrenceKey: isString,
        },
        ["type"],
        (a) => {
          if (a["type"] === "external") return Object.hasOwn(a, "url") ? null : "of type 'external' needs attrs.url";
          return Object.hasOwn(a, "id") && Object.hasOwn(a, "collection") ? null : "needs attrs.id and attrs.collection";
        },
      ),
      nodeMarks: new Set(["link", "border"]),
    }),
  ],
  // Inline nodes. `text` is special-cased by the validator (its `text` and marks).
  ["text", node({})],
  ["hardBreak", node({ attrs: attrs({ text: oneOf("\n") }) })],
  [
    "mention",
    node({
      attrs: attrs({ id: isString, text: isString, accessLevel: isString, userType: oneOf("DEFAULT", "SPECIAL", "APP") }, ["id"]),
    }),
  ],
  ["emoji", node({ attrs: attrs({ shortName: isString, id: isString, text: isString }, ["shortName"]) })],
  ["inlineCard", node({ attrs: cardAttrs })],
  ["date", node({ attrs: attrs({ timestamp: isNonEmptyString }, ["timestamp"]) })],
  [
    "status",
    node({
      attrs: attrs({ text: isString, color: oneOf("neutral", "purple", "blue", "red", "yellow", "green"), style: isString }, [
        "text",
        "color",
      ]),
    }),
  ],
]);

const HEX_COLOR = matches(/^#[0-9a-fA-F]{6}$/, "a colour like '#ff5630'");

export const MARKS: ReadonlyMap<string, MarkSpec> = new Map<string, MarkSpec>([
  ["strong", { attrs: NO_ATTRS }],
  ["em", { attrs: NO_ATTRS }],
  ["code", { attrs: NO_ATTRS }],
  ["strike", { attrs: NO_ATTRS }],
  ["underline", { attrs: NO_ATTRS }],
  ["link", { attrs: attrs({ href: isString, title: isString, id: isString, collection: isString, occurrenceKey: isString }, ["href"]) }],
  ["textColor", { attrs: attrs({ color: HEX_COLOR }, ["color"]) }],
  ["backgroundColor", { attrs: attrs({ color: HEX_COLOR }, ["color"]) }],
  ["subsup", { attrs: attrs({ type: oneOf("sub", "sup") }, ["type"]) }],
  // Node-level marks.
  ["alignment", { attrs: attrs({ align: oneOf("center", "end") }, ["align"]) }],
  ["indentation", { attrs: attrs({ level: intRange(1, 6) }, ["level"]) }],
  ["breakout", { attrs: attrs({ mode: oneOf("wide", "full-width"), width: isNumber }, ["mode"]) }],
  ["border", { attrs: attrs({ size: numberRange(1, 3), color: isString }, ["size", "color"]) }],
]);

/** Marks a text node may carry. */
export const TEXT_MARKS: ReadonlySet<string> = new Set([
  "strong",
  "em",
  "code",
  "strike",
  "underline",
  "link",
  "textColor",
  "backgroundColor",
  "subsup",
]);

/** The `code` mark combines only with `link` (the schema's code_inline_node). */
export const CODE_COMPATIBLE_MARKS: ReadonlySet<string> = new Set(["code", "link"]);

export const INLINE_TYPES: ReadonlySet<string> = new Set(INLINE);
