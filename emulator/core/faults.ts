import { z } from "zod";
import { bool, int, parse } from "./params";

export const faultRuleParams = z.object({
  /** Glob over the request path: `*` matches any run of characters. */
  path: z.string().default("*"),
  method: z.string().transform((m) => m.toUpperCase()).optional(),
  kind: z.enum(["status", "latency", "drop", "fail_while_executing", "commit_then_drop"]),
  status: z.union([z.literal(429), z.literal(500), z.literal(502), z.literal(503), z.literal(504), int]).optional(),
  latency_ms: int.optional(),
  probability: z.union([z.number(), z.string().regex(/^(0(\.\d+)?|1(\.0+)?)$/).transform(Number)]).optional(),
  count: int.optional(),
  /** For `fail_while_executing`: whether the work was done before the 500; omitted, each firing picks at random. */
  committed: bool.optional(),
});

export type FaultRule = z.output<typeof faultRuleParams> & { id: string; remaining: number | null; fired: number };

export type FaultPlan = { latencyMs: number; terminal: FaultRule | null };

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
}

// Test-only failures. In front of the API, where nothing is kept under an idempotency key: errors
// (as from a rate limiter or a load balancer), added latency, dropped connections (the request
// never arrives). Inside it: "fail while executing" (a 500 kept under the key, the work done or
// not) and "commit then drop" (the work is done, the response never arrives).
export class Faults {
  private rules: Array<FaultRule & { re: RegExp }> = [];
  private seq = 0;

  add(input: unknown): FaultRule {
    const p = parse(faultRuleParams, input);
    if (p.kind === "status" && p.status === undefined) throw new Error("status faults need a status");
    const rule: FaultRule = { ...p, id: `fault_${++this.seq}`, remaining: p.count ?? null, fired: 0 };
    this.rules.push({ ...rule, re: globToRegExp(p.path) });
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map(({ re: _re, ...rule }) => rule);
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * A fault inside the idempotency layer does not touch a request answered from the store (a
   * replay executes nothing), so it is handed back for the next request that executes.
   */
  unfire(rule: FaultRule): void {
    rule.fired -= 1;
    if (rule.remaining !== null) rule.remaining += 1;
  }

  /** Decides what happens to one request; rules with a count are used up as they fire. */
  plan(method: string, path: string): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0, terminal: null };
    for (const rule of this.rules) {
      if (rule.method && rule.method !== method) continue;
      if (!rule.re.test(path)) continue;
      if (rule.remaining !== null && rule.remaining <= 0) continue;
      if (rule.kind !== "latency" && plan.terminal) continue;
      if (rule.probability !== undefined && Math.random() >= rule.probability) continue;
      if (rule.remaining !== null) rule.remaining -= 1;
      rule.fired += 1;
      if (rule.kind === "latency") plan.latencyMs += rule.latency_ms ?? 0;
      else plan.terminal = rule;
    }
    return plan;
  }
}
