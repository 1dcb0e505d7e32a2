import { appConfig } from "@/lib/env";
import { verifyOnly } from "@/lib/webhooks/verify-only";

// Benchmark only: 404 unless LEDGERLINE_BENCH_VERIFY_ROUTE=1 at start (lib/webhooks/verify-only.ts).
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return verifyOnly(request, appConfig().stripe.webhookSecrets);
}
