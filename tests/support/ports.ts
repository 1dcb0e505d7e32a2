// Free TCP ports for servers a test or a script starts: the OS picks them (listen on 0, read the
// port back, close). Another process may still take one before it is used, so callers that can
// retry a start do.
import { createServer, type Server } from "node:net";

/** Ports nobody listens on now, all different (held together until every one is chosen). */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      servers.push(await new Promise<Server>((resolve, reject) => {
        const server = createServer().once("error", reject).listen(0, "127.0.0.1", () => resolve(server));
      }));
    }
    return servers.map((s) => (s.address() as { port: number }).port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }
}

export async function freePort(): Promise<number> {
  return (await freePorts(1))[0]!;
}
