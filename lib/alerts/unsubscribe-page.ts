/** The small page behind an unsubscribe link: no session, no script, nothing but the answer. */

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function unsubscribePage(status: number, title: string, message: string, confirmToken?: string): Response {
  const form = confirmToken
    ? `<form method="post" action="/api/alerts/unsubscribe?token=${encodeURIComponent(confirmToken)}"><button type="submit">Stop these emails</button></form>`
    : "";
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><main><h1>${escape(title)}</h1><p>${escape(message)}</p>${form}</main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
