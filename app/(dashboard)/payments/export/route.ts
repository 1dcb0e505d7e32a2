import { exportResponse } from "@/lib/listing/export";
import { paymentsExport } from "@/lib/queries/payments-csv";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return exportResponse(request, paymentsExport);
}
