import { exportResponse } from "@/lib/listing/export";
import { eventsExport } from "@/lib/webhooks/event-csv";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return exportResponse(request, eventsExport);
}
