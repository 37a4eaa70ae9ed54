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

/** The peer venv's python, set up on first use; the project venv's if that fails (offline machine). */
function peerPython(): string {
  const own = join(PEER_DIR, ".venv", "bin", "python");
  if (!existsSync(own)) spawnSync("bash", [join(PEER_DIR, "setup.sh")], { stdio: ["ignore", "ignore", "inherit"], timeout: 300_000 });
  if (existsSync(own)) return own;
  const shared = join(PROJECT_DIR, ".venv", "bin", "python");
  if (existsSync(shared)) return shared;
  throw new Error("no Python with fastapi and uvicorn: run bash bench/peer/setup.sh");
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

export async function startPythonPeer(fixturePath: string): Promise<PythonPeer> {
  const python = peerPython();
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
