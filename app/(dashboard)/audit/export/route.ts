import { exportResponse } from "@/lib/listing/export";
import { auditExport } from "@/lib/audit/csv";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return exportResponse(request, auditExport);
}
