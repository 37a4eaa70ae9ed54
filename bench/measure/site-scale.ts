/**
 * One point of the site-size curve: a site generated at `scale` times the default number of issues and pages,
 * and per operation the median microseconds per call and how many items the searches match. Lookups by key or
 * id should cost the same at every size; searches should grow no faster than the items they match. A few
 * issues and pages carrying a rare word are added at every size, so text searches have a constant match count
 * and show what a full scan costs.
 */
import { generateSite, handle, type Site } from "../../src/emulator/index.js";
import { GcClock } from "../lib/gc-time.js";
import { median } from "../lib/stats.js";
import { planMix } from "../mix/plan.js";
import { toEmuRequest, type CallSpec } from "../mix/requests.js";
import { MIX_OPS, mixCall, remember, type EpisodeMemory } from "../mix/steps.js";

export interface SiteScaleOptions {
  scale: number;
  seed: number;
  /** Timed batches per operation; the median batch is kept. */
  batches: number;
  /** Wall-time budget of one batch; at least one call is made. */
  batchMs: number;
}

export interface OpPoint {
  /** Median over the batches of microseconds per call. */
  micros: number;
  /** The fastest batch: the least disturbed by other load on the machine; the scaling checks use it. */
  bestMicros: number;
  /** Share of the op's timed batches spent in garbage collection. */
  gcShare: number;
  /** Items the search matched (searches only). */
  matches?: number;
  kind: "lookup" | "write" | "search";
}

export interface SiteScalePoint {
  scale: number;
  issues: number;
  pages: number;
  generateMs: number;
  ops: Record<string, OpPoint>;
  /** The representative mix on this site (each episode on a fresh fork). */
  mixCallsPerSec: number;
  /** Heap in use at the end (the site, its search caches and views), MB. */
  heapMB: number;
}

const RARE = "zebracorn";

type Json = Record<string, unknown>;

function send(site: Site, spec: CallSpec): { status: number; body: Json } {
  const r = handle(site, toEmuRequest(spec));
  return { status: r.status, body: (r.body ?? {}) as Json };
}

/** Median microseconds per call of `make(i)` over timed batches, on `site` (writes go to a fork per batch). */
interface Timing {
  micros: number;
  bestMicros: number;
  /** Timed batches as [start, end] windows, to attribute GC time afterwards. */
  windows: Array<[number, number]>;
}

function timeOp(base: Site, make: (i: number) => CallSpec, options: SiteScaleOptions, writes: boolean): Timing {
  const perCall: number[] = [];
  const windows: Array<[number, number]> = [];
  handle(writes ? base.fork() : base, toEmuRequest(make(0))); // warm-up: lazily built views and caches are not the op's cost
  for (let b = 0; b < options.batches; b++) {
    const site = writes ? base.fork() : base;
    const started = performance.now();
    let n = 0;
    // Bounded: at least one call, at most 10,000, within the batch budget.
    do {
      const r = handle(site, toEmuRequest(make(n)));
      if (r.status >= 400) throw new Error(`site-scale: ${make(n).path} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 200)}`);
      n++;
    } while (performance.now() - started < options.batchMs && n < 10_000);
    const ended = performance.now();
    windows.push([started, ended]);
    perCall.push(((ended - started) * 1000) / n);
  }
  return { micros: median(perCall), bestMicros: Math.min(...perCall), windows };
}

/** Adds the rare-word issues and pages; returns the frozen site and what the searches need. */
function seedRareItems(generated: Site): { site: Site; projectKey: string; issueKeys: string[]; spaceKey: string; title: string } {
  const site = generated.fork();
  const plan = planMix(site, 1);
  const issueKeys: string[] = [];
  for (let i = 0; i < 5; i++) {
    const created = send(site, {
      method: "POST",
      path: "/rest/api/3/issue",
      body: {
        fields: {
          project: { key: plan.createProjectKey },
          issuetype: { id: plan.createIssueTypeId },
          summary: `The ${RARE} importer drops rows ${i}`,
        },
      },
    });
    issueKeys.push(String(created.body["key"]));
  }
  let title = "";
  for (let i = 0; i < 3; i++) {
    title = `The ${RARE} runbook ${i}`;
    send(site, {
      method: "POST",
      path: "/wiki/api/v2/pages",
      body: {
        spaceId: plan.spaceId,
        status: "current",
        title,
        body: { representation: "storage", value: `<p>How the ${RARE} importer recovers.</p>` },
      },
    });
  }
  const space = site.confluence.spaces.get(plan.spaceId)!;
  return { site: site.freeze(), projectKey: plan.createProjectKey, issueKeys, spaceKey: space.key, title };
}

function withTitle(spec: CallSpec, title: string): CallSpec {
  return { ...spec, body: { ...(spec.body as Json), title } };
}

function jqlMatches(site: Site, jql: string): number {
  return Number(send(site, { method: "POST", path: "/rest/api/3/search/approximate-count", body: { jql } }).body["count"]);
}

function cqlMatches(site: Site, cql: string): number {
  return Number(send(site, { method: "GET", path: "/wiki/rest/api/search", query: { cql, limit: "25" } }).body["totalSize"]);
}

function mixRate(base: Site, options: SiteScaleOptions): number {
  const plan = planMix(base, 3);
  const rates: number[] = [];
  for (let b = 0; b < options.batches; b++) {
    const started = performance.now();
    let calls = 0;
    let episode = 0;
    do {
      const site = base.fork();
      const memory: EpisodeMemory = {};
      for (let round = 0; round < 3; round++) {
        for (const op of MIX_OPS) {
          remember(op, handle(site, toEmuRequest(mixCall(plan, op, episode, round, memory))).body, memory);
          calls++;
        }
      }
      episode++;
    } while (performance.now() - started < options.batchMs && episode < 10_000);
    rates.push((calls / (performance.now() - started)) * 1000);
  }
  return median(rates);
}

export async function measureSiteScale(options: SiteScaleOptions): Promise<SiteScalePoint> {
  const t0 = performance.now();
  const generated = generateSite({ seed: options.seed, scale: options.scale });
  const generateMs = performance.now() - t0;
  const { site, projectKey, issueKeys, spaceKey, title } = seedRareItems(generated);
  const plan = planMix(site, 1);
  const allKeys = [...site.jira.issues.values()].map((i) => i.key);
  const keyAt = (i: number) => allKeys[Math.floor(((i * 7919) % 1000) * (allKeys.length / 1000))]!;
  const pageIdsAll = [...site.confluence.pages.values()].filter((p) => p.status === "current").map((p) => p.id);
  const pageAt = (i: number) => pageIdsAll[Math.floor(((i * 7919) % 1000) * (pageIdsAll.length / 1000))]!;

  const searches: Record<string, { spec: CallSpec; matches: number }> = {
    jqlSite: {
      spec: { method: "GET", path: "/rest/api/3/search/jql", query: { jql: plan.siteJql, fields: "summary,status", maxResults: "50" } },
      matches: jqlMatches(site, plan.siteJql),
    },
    jqlProject: {
      spec: {
        method: "GET",
        path: "/rest/api/3/search/jql",
        query: { jql: `project = ${projectKey} ORDER BY key`, fields: "summary", maxResults: "50" },
      },
      matches: jqlMatches(site, `project = ${projectKey} ORDER BY key`),
    },
    jqlKeys: {
      spec: { method: "GET", path: "/rest/api/3/search/jql", query: { jql: `key in (${issueKeys.join(", ")})`, fields: "summary" } },
      matches: jqlMatches(site, `key in (${issueKeys.join(", ")})`),
    },
    jqlRareText: {
      spec: {
        method: "GET",
        path: "/rest/api/3/search/jql",
        query: { jql: `project = ${projectKey} AND summary ~ "${RARE}"`, fields: "summary" },
      },
      matches: jqlMatches(site, `project = ${projectKey} AND summary ~ "${RARE}"`),
    },
    cqlSpace: {
      spec: { method: "GET", path: "/wiki/rest/api/search", query: { cql: `type = page AND space = ${spaceKey}`, limit: "25" } },
      matches: cqlMatches(site, `type = page AND space = ${spaceKey}`),
    },
    cqlTitle: {
      spec: { method: "GET", path: "/wiki/rest/api/search", query: { cql: `type = page AND title = "${title}"`, limit: "25" } },
      matches: cqlMatches(site, `type = page AND title = "${title}"`),
    },
    cqlRareText: {
      spec: { method: "GET", path: "/wiki/rest/api/search", query: { cql: `type = page AND text ~ "${RARE}"`, limit: "25" } },
      matches: cqlMatches(site, `type = page AND text ~ "${RARE}"`),
    },
  };

  const gc = new GcClock();
  const timed: Record<string, Timing & { kind: OpPoint["kind"]; matches?: number }> = {
    getIssue: { kind: "lookup", ...timeOp(site, (i) => ({ method: "GET", path: `/rest/api/3/issue/${keyAt(i)}` }), options, false) },
    getPage: {
      kind: "lookup",
      ...timeOp(
        site,
        (i) => ({ method: "GET", path: `/wiki/api/v2/pages/${pageAt(i)}`, query: { "body-format": "storage" } }),
        options,
        false,
      ),
    },
    createIssue: {
      kind: "write",
      ...timeOp(site, (i) => mixCall(plan, "createIssue", 0, i, {}), options, true),
    },
    createPage: {
      kind: "write",
      ...timeOp(site, (i) => withTitle(mixCall(plan, "createPage", 0, 0, {}), `Scale page ${i}`), options, true),
    },
    // Different pages, one label each: a page's label list never grows with the number of calls.
    addLabel: { kind: "write", ...timeOp(site, (i) => mixCall(plan, "addLabel", 0, 0, { pageId: pageAt(i) }), options, true) },
  };
  for (const [name, s] of Object.entries(searches))
    timed[name] = { kind: "search", ...timeOp(site, () => s.spec, options, false), matches: s.matches };
  const mixCallsPerSec = mixRate(site, options);
  await gc.settle();
  gc.stop();
  const ops: Record<string, OpPoint> = {};
  for (const [name, t] of Object.entries(timed)) {
    const total = t.windows.reduce((ms, [a, b]) => ms + (b - a), 0);
    const point: OpPoint = {
      kind: t.kind,
      micros: t.micros,
      bestMicros: t.bestMicros,
      gcShare: total > 0 ? gc.msWithin(t.windows) / total : 0,
    };
    if (t.matches !== undefined) point.matches = t.matches;
    ops[name] = point;
  }

  return {
    scale: options.scale,
    issues: site.jira.issues.size,
    pages: site.confluence.pages.size,
    generateMs,
    ops,
    mixCallsPerSec,
    heapMB: process.memoryUsage().heapUsed / 1e6,
  };
}
