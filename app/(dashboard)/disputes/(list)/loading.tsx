import { TableSkeleton } from "@/components/tables/skeleton";

export default function Loading() {
  return <TableSkeleton title="Disputes" />;
}
