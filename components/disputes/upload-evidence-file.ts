import type { ActionResult } from "@/lib/audit/result";

/**
 * Uploads one evidence file with progress. A route handler rather than a server action: server
 * actions report no upload progress and cap request bodies well below Stripe's 5 MB per file.
 */
export function uploadEvidenceFile(
  url: string,
  fields: { actionId: string; field: string; file: File },
  onProgress: (fraction: number) => void,
): Promise<ActionResult> {
  return new Promise((resolve) => {
    const body = new FormData();
    body.set("actionId", fields.actionId);
    body.set("field", fields.field);
    body.set("file", fields.file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const result = xhr.response as ActionResult | null;
      resolve(result ?? { ok: false, error: `Upload failed (${xhr.status}). Try again.`, retryable: true });
    };
    xhr.onerror = () => resolve({ ok: false, error: "The upload was interrupted. Try again.", retryable: true });
    xhr.send(body);
  });
}
