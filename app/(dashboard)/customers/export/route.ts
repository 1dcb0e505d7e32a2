import { exportResponse } from "@/lib/listing/export";
import { customersExport } from "@/lib/customers/csv";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return exportResponse(request, customersExport);
}
