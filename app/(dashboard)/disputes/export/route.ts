import { exportResponse } from "@/lib/listing/export";
import { disputesExport } from "@/lib/queries/disputes-csv";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return exportResponse(request, disputesExport);
}
