import { TableSkeleton } from "@/components/tables/skeleton";

// Also covers sections without a skeleton of their own, so it names none.
export default function Loading() {
  return <TableSkeleton title="Loading" rows={6} />;
}
