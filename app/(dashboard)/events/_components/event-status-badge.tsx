import { StatusBadge, type Tone } from "@/components/badges/status-badge";

const TONE: Record<string, Tone> = { processed: "green", failed: "red", received: "blue", ignored: "slate" };
const LABEL: Record<string, string> = { processed: "Processed", failed: "Failed", received: "Received", ignored: "Not handled" };

export function EventStatusBadge({ status }: { status: string }) {
  return <StatusBadge tone={TONE[status] ?? "slate"}>{LABEL[status] ?? status}</StatusBadge>;
}
