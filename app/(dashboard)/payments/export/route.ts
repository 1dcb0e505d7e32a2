import { refusalStatus, requirePermission } from "@/lib/auth/require-role";
import { firstValues, readFilters } from "@/lib/listing/search-params";
import { dayIn } from "@/lib/listing/days";
import { getViewerFormat } from "@/lib/format/viewer";
import { paymentsCsvStream, recordPaymentsExport } from "@/lib/queries/payments-csv";
import { paymentFiltersSchema } from "@/lib/queries/payments";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const access = await requirePermission("payments.export");
  if (!access.ok) return Response.json({ error: access.error }, { status: refusalStatus(access) });
  const reading = readFilters(paymentFiltersSchema, firstValues(Object.fromEntries(new URL(request.url).searchParams)));
  // An export that quietly dropped a bad date would hand over rows nobody asked for.
  if (!reading.ok) return Response.json({ error: reading.message }, { status: 400 });
  await recordPaymentsExport(access.staff.id, reading.filters);
  const { timeZone } = await getViewerFormat();
  return new Response(paymentsCsvStream(reading.filters, timeZone, access.staff.locale), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="payments-${dayIn(new Date(), timeZone)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
