// Starts scripts/proof/webhook-app.ts as a child process and hands back its port; kill it with
// SIGKILL to simulate a crash, or stop it with SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";

export interface AppProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  stop(): Promise<number | string>;
  crash(): Promise<number | string>;
}

export async function startWebhookApp(env: Record<string, string>, port = 0, timeoutMs = 180_000): Promise<AppProcess> {
  const script = path.join(process.cwd(), "scripts/proof/webhook-app.ts");
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", script], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      NODE_OPTIONS: "",
      NEXT_TELEMETRY_DISABLED: "1",
      // Required outside embedded mode; the webhook route uses neither.
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: "http://127.0.0.1",
      ...env,
      PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  const listening = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the webhook app did not start within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      try {
        const parsed = JSON.parse(line) as { port?: number };
        if (parsed.port) {
          clearTimeout(timer);
          resolve(parsed.port);
        }
      } catch {
        // log output, not the start-up line
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the webhook app exited (${code}) before listening:\n${stderr}`));
    });
  });
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    return exited;
  };
  return { url: `http://127.0.0.1:${listening}`, port: listening, child, exited, stop: () => signal("SIGTERM"), crash: () => signal("SIGKILL") };
}
