import { StatusBadge, type Tone } from "@/components/badges/status-badge";
import { eventStatusLabel } from "@/lib/format";

const TONE: Record<string, Tone> = { processed: "green", failed: "red", received: "blue", ignored: "slate" };

export function EventStatusBadge({ status }: { status: string }) {
  return <StatusBadge tone={TONE[status] ?? "slate"}>{eventStatusLabel(status)}</StatusBadge>;
}
