import { refusalStatus, requireRole } from "@/lib/auth/require-role";
import { rolesWith } from "@/lib/auth/roles";
import { firstValues } from "@/lib/listing/search-params";
import { dayIn, merchantTimeZone } from "@/lib/listing/time-zone";
import { paymentsCsvStream } from "@/lib/queries/payments-csv";
import { paymentFiltersSchema } from "@/lib/queries/payments";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const access = await requireRole(...rolesWith("read"));
  if (!access.ok) return Response.json({ error: access.error }, { status: refusalStatus(access) });
  const filters = paymentFiltersSchema.parse(firstValues(Object.fromEntries(new URL(request.url).searchParams)));
  const timeZone = await merchantTimeZone();
  return new Response(paymentsCsvStream(filters, timeZone, access.staff.locale), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="payments-${dayIn(new Date(), timeZone)}.csv"`,
      "cache-control": "no-store",
    },
  });
}
