import { exportResponse } from "@/lib/listing/export";
import { refundsExport } from "@/lib/queries/refunds-csv";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return exportResponse(request, refundsExport);
}
