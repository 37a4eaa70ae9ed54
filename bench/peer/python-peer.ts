/** Starts the FastAPI/uvicorn peer (bench/peer/server.py) in its own venv and waits until it answers. */
import { spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { BENCH_DIR, PROJECT_DIR, spawnTracked } from "../lib/processes.js";

export interface PythonPeer {
  child: ChildProcess;
  url: string;
  /** Which uvicorn stack served: `uvloop+httptools` (uvicorn[standard]) or `asyncio+h11`. */
  stack: string;
}

const PEER_DIR = join(BENCH_DIR, "peer");

function servesFastApi(python: string): boolean {
  if (!existsSync(python)) return false;
  return spawnSync(python, ["-c", "import fastapi, uvicorn"], { stdio: "ignore", timeout: 60_000 }).status === 0;
}

/**
 * A Python that can run the peer: the peer's own venv (set up on first use when `setup`), else the
 * project venv if it has fastapi and uvicorn; undefined when there is none (an offline machine).
 */
export function findPeerPython(setup: boolean): string | undefined {
  const own = join(PEER_DIR, ".venv", "bin", "python");
  if (setup && !servesFastApi(own))
    spawnSync("bash", [join(PEER_DIR, "setup.sh")], { stdio: ["ignore", "ignore", "inherit"], timeout: 300_000 });
  return [own, join(PROJECT_DIR, ".venv", "bin", "python")].find(servesFastApi);
}

function stackOf(python: string): string {
  const probe = spawnSync(python, ["-c", "import uvloop, httptools"], { stdio: "ignore", timeout: 30_000 });
  return probe.status === 0 ? "uvloop+httptools" : "asyncio+h11";
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`python peer exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`python peer did not answer within ${timeoutMs} ms`);
}

export async function startPythonPeer(python: string, fixturePath: string): Promise<PythonPeer> {
  const port = await freePort();
  const args = ["-m", "uvicorn", "server:app", "--app-dir", PEER_DIR, "--host", "127.0.0.1", "--port", String(port)];
  const child = spawnTracked(python, [...args, "--log-level", "warning", "--no-access-log"], {
    cwd: PEER_DIR,
    env: { ...process.env, PEER_FIXTURE: fixturePath },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child, 60_000);
  return { child, url, stack: stackOf(python) };
}
