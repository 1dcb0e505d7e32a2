// The app starter's promises to its callers, against a stand-in for Next's entry point in an app
// directory of its own (no build needed): where and how the server runs, what its failure says, and
// that it never outlives the process that started it.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startNextServer, type AppProcess } from "./app-process";

// Serves GET /api/health with what it was started with, or dies at once when told to.
const STAND_IN = `
const http = require("node:http");
const arg = (name) => process.argv[process.argv.indexOf(name) + 1];
if (process.env.STAND_IN_FAILS) {
  process.stderr.write("Could not find a production build in the '.next' directory.\\n");
  process.exit(1);
}
if (process.env.STAND_IN_TALKS) {
  // The second line is cut across two writes, as a pipe may deliver it.
  process.stderr.write("keep me\\nhi");
  setTimeout(() => process.stderr.write("de me\\nkeep me too\\n"), 20);
}
http.createServer((request, response) => {
  const seen = { cwd: process.cwd(), host: arg("--hostname"), env: { NODE_ENV: process.env.NODE_ENV, NEXTAUTH_URL: process.env.NEXTAUTH_URL, GIVEN: process.env.GIVEN } };
  response.writeHead(request.url === "/api/health" ? 200 : 404, { "content-type": "application/json" }).end(JSON.stringify(seen));
}).listen(Number(arg("--port")), arg("--hostname"));
`;

const appDir = mkdtempSync(path.join(tmpdir(), "ledgerline-app-process-"));
mkdirSync(path.join(appDir, "node_modules", "next", "dist", "bin"), { recursive: true });
writeFileSync(path.join(appDir, "node_modules", "next", "dist", "bin", "next"), STAND_IN);
const running: AppProcess[] = [];

afterAll(async () => {
  for (const app of running) await app.stop();
  rmSync(appDir, { recursive: true, force: true });
});

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("startNextServer", () => {
  it("runs the app directory's Next on the port given, and resolves once /api/health answers", async () => {
    const app = await startNextServer({ appDir, env: { GIVEN: "yes" } });
    running.push(app);
    const seen = (await (await fetch(`${app.url}/api/health`)).json()) as { cwd: string; host: string; env: Record<string, string> };
    expect(app.url).toBe(`http://127.0.0.1:${app.port}`);
    expect(seen).toEqual({ cwd: appDir, host: "127.0.0.1", env: { NODE_ENV: "production", NEXTAUTH_URL: app.url, GIVEN: "yes" } });
    expect(await app.stop()).toBe("SIGTERM");
  });

  it("lets the caller's environment win over its defaults", async () => {
    const app = await startNextServer({ appDir, env: { NEXTAUTH_URL: "http://localhost:1" } });
    running.push(app);
    const seen = (await (await fetch(`${app.url}/api/health`)).json()) as { env: Record<string, string> };
    expect(seen.env.NEXTAUTH_URL).toBe("http://localhost:1");
  });

  it("echoes the server's stderr without the lines the caller hides, even when a line comes in two pieces", async () => {
    const echoed: string[] = [];
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      echoed.push(String(chunk));
      return true;
    });
    try {
      const app = await startNextServer({ appDir, env: { STAND_IN_TALKS: "1" }, echo: "stderr", hideFromEcho: (line) => line.startsWith("hide") });
      running.push(app);
      for (const deadline = Date.now() + 5_000; !echoed.join("").includes("keep me too") && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
    } finally {
      stderr.mockRestore();
    }
    expect(echoed.join("")).toBe("keep me\nkeep me too\n");
  });

  it("reports a server that exits before serving with its own last words", async () => {
    await expect(startNextServer({ appDir, env: { STAND_IN_FAILS: "1" } })).rejects.toThrow(
      /next start on port \d+ exited \(1\) before serving; stderr:\nCould not find a production build/,
    );
  });

  it("stops the server when the process that started it exits, even without stop()", async () => {
    const starter = `require(${JSON.stringify(path.join(__dirname, "app-process.ts"))})
      .startNextServer({ appDir: ${JSON.stringify(appDir)} })
      .then((app) => { console.log(app.child.pid); process.exit(0); });`;
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ["--import", "tsx", "-e", starter], { env: { ...process.env, NODE_OPTIONS: "" }, stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
      child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`the starter exited with ${code}`))));
    });
    const pid = Number(output.trim());
    expect(pid).toBeGreaterThan(0);
    const deadline = Date.now() + 5_000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const leftRunning = isAlive(pid);
    if (leftRunning) process.kill(pid, "SIGKILL");
    expect(leftRunning).toBe(false);
  });
});
