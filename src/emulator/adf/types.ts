/**
 * Contract for Atlassian Document Format helpers (this folder), used by Jira (description,
 * environment, comment bodies) and Confluence (atlas_doc_format bodies).
 *
 * Implemented in `./index.ts`:
 *   validateAdf(value: unknown): AdfValidation
 *   adfToText(doc: AdfDoc): string            // plain text, blocks separated by newlines
 *   textToAdf(text: string): AdfDoc           // paragraphs from lines
 */
export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: Array<{ type: string; attrs?: Record<string, unknown> }>;
}

export interface AdfDoc extends AdfNode {
  type: "doc";
  version: 1;
  content: AdfNode[];
}

export type AdfValidation = { ok: true; doc: AdfDoc } | { ok: false; message: string };
