import { exportResponse } from "@/lib/listing/export";
import { payoutsExport } from "@/lib/payouts/csv";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return exportResponse(request, payoutsExport);
}
