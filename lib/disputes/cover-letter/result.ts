import type { ActionResult } from "@/lib/audit/result";

/** The attached letter as the form lists a file, so its size counts in the budget meter at once. */
export type AttachedCoverLetter = ActionResult & { file?: { id: string; filename: string; size: number } };
