import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

// Prisma's CLI downloads a native schema engine, which cannot happen offline; the same engine is
// published compiled to WebAssembly and talks to the database through a driver adapter. Node 20
// cannot import a .wasm module, so it is instantiated here by hand and handed to the wasm-bindgen
// glue through __wbg_set_wasm, once per process (the glue keeps the instance in module state).

type Bindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let loading: Promise<Bindings> | null = null;

function loadBindings(): Promise<Bindings> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as Bindings;
    // The .wasm file is not in the package's exports map: locate it next to the glue.
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(gluePath), "schema_engine_bg.wasm");
    const compiled = await WebAssembly.compile(fs.readFileSync(wasmPath));
    const instance = await WebAssembly.instantiate(compiled, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as WebAssembly.Exports & { __wbindgen_start(): void };
    glue.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
    return glue;
  })();
  return loading;
}

/** Engine log lines (JSON strings) are dropped unless PRISMA_ENGINE_LOG=1, to keep commands quiet. */
function engineLog(line: string): void {
  if (process.env.PRISMA_ENGINE_LOG === "1") process.stderr.write(`${line}\n`);
}

/**
 * Runs `work` with a schema engine on the given adapter factory, then frees the engine and
 * disposes the database session it opened. The engine holds PostgreSQL's migration advisory lock
 * for the life of its session, so ending the session is what lets the next instance migrate.
 * `schema` is the Prisma schema text when the operation needs it (creating migrations).
 */
export async function withSchemaEngine<T>(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  schema: { path: string; content: string } | undefined,
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const glue = await loadBindings();
  const sessions: SqlDriverAdapter[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapterFactory.provider,
    adapterName: adapterFactory.adapterName,
    connect: async () => {
      const session = await adapterFactory.connect();
      sessions.push(session);
      return session;
    },
    // Shadow databases are the engine's own to create and drop.
    connectToShadowDb: () => adapterFactory.connectToShadowDb(),
  };
  const datamodels: [string, string][] | undefined = schema ? [[schema.path, schema.content]] : undefined;
  try {
    const engine = await glue.SchemaEngine.new({ datamodels }, engineLog, bindMigrationAwareSqlAdapterFactory(tracked));
    try {
      return await work(engine);
    } finally {
      engine.free();
    }
  } finally {
    await Promise.all(sessions.map((session) => session.dispose()));
  }
}
