// The embedded default's SMTP server (lib/alerts/mailbox.ts), run by `npm start` when SMTP_URL is
// not set: `--port 2525 --dir .data/mail`. Keeps what it receives as .eml files; Ctrl-C stops it.
import { parseArgs } from "node:util";
import { startLocalMailbox } from "../lib/alerts/mailbox";

const { values } = parseArgs({ options: { port: { type: "string", default: "2525" }, dir: { type: "string", default: ".data/mail" } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a port number, got "${values.port}"`);
  process.exit(2);
}

// Not top-level await: tsx runs a .ts file of this package as CommonJS, where it does not compile.
async function main(): Promise<void> {
  const mailbox = await startLocalMailbox({ port, dir: values.dir! });
  console.log(`Local mailbox (SMTP) at ${mailbox.url}, keeping mail in ${mailbox.dir}`);
  const stop = () => void mailbox.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
