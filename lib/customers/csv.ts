// The Customers CSV: the filtered set in the list's order.
import { dayIn } from "@/lib/listing/days";
import type { ListExport } from "@/lib/listing/export";
import { allCustomers, customerFiltersSchema, type CustomerFilters, type CustomerListRow } from "./list";

export const customersExport: ListExport<CustomerFilters, CustomerListRow> = {
  name: "customers",
  permission: "lists.export",
  schema: customerFiltersSchema,
  header: ["id", "created_utc", "created_local_day", "name", "email", "phone", "saved_cards"],
  rows: allCustomers,
  line: (c, { timeZone }) => [c.id, c.created.toISOString(), dayIn(c.created, timeZone), c.name, c.email, c.phone, String(c.cards)],
};
