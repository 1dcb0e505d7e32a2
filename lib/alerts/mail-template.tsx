import { render } from "@react-email/render";
import { formatDateTime, type ViewerFormat } from "@/lib/format";
import { alertRule, type AlertFacts, type AlertRuleId } from "./rules";

/**
 * Alert mail, rendered on the server as HTML (react-email) and plain text from the same words the inbox shows
 * (the rule's title and lines, in the recipient's locale and time zone), with a link to the
 * object's page and a one-click unsubscribe link per rule.
 */

export interface MailAlert {
  rule: AlertRuleId;
  facts: AlertFacts;
  createdAt: Date;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
  /** The rule a List-Unsubscribe header turns off, when the mail holds one rule only. */
  singleRule: AlertRuleId | null;
}

interface Item {
  title: string;
  lines: string[];
  url: string;
  when: string;
}

export async function renderAlertMail(
  alerts: MailAlert[],
  options: { viewer: ViewerFormat; appUrl: string; recipientName: string; merchantName: string; unsubscribeUrl: (rule: AlertRuleId) => string; digest: boolean },
): Promise<RenderedMail> {
  const items: Item[] = alerts.map((a) => {
    const rule = alertRule(a.rule);
    return { title: rule.title(a.facts, options.viewer), lines: rule.lines(a.facts, options.viewer), url: `${options.appUrl}${rule.href(a.facts)}`, when: formatDateTime(a.createdAt, options.viewer) };
  });
  const rules = [...new Set(alerts.map((a) => a.rule))];
  const subject = options.digest
    ? `${options.merchantName}: ${items.length === 1 ? "1 alert" : `${items.length} alerts`} today`
    : `${options.merchantName}: ${items[0]?.title ?? "Alert"}`;
  const unsubscribe = rules.map((rule) => ({ label: alertRule(rule).label, url: options.unsubscribeUrl(rule) }));

  // react-email renders through react-dom/server, which Next allows only from a package.
  const html = await render(
    <html lang={options.viewer.locale}>
      {/* eslint-disable-next-line @next/next/no-head-element -- a mail document, not a Next page */}
      <head>
        <meta charSet="utf-8" />
        <title>{subject}</title>
      </head>
      <body style={{ fontFamily: "system-ui, sans-serif", color: "#0f172a", background: "#f8fafc", padding: "24px" }}>
        <div style={{ maxWidth: "560px", margin: "0 auto", background: "#ffffff", border: "1px solid #e2e8f0", borderRadius: "8px", padding: "24px" }}>
          <p style={{ fontSize: "13px", color: "#475569", margin: "0 0 16px" }}>Hello {options.recipientName},</p>
          {items.map((item) => (
            <div key={item.url + item.title} style={{ marginBottom: "20px" }}>
              <h1 style={{ fontSize: "17px", margin: "0 0 8px" }}>{item.title}</h1>
              {item.lines.map((line) => (
                <p key={line} style={{ fontSize: "14px", margin: "0 0 4px" }}>
                  {line}
                </p>
              ))}
              <p style={{ margin: "12px 0 0" }}>
                <a href={item.url} style={{ background: "#4f46e5", color: "#ffffff", padding: "8px 14px", borderRadius: "6px", textDecoration: "none", fontSize: "14px" }}>
                  Open in Ledgerline
                </a>
              </p>
              {options.digest ? <p style={{ fontSize: "12px", color: "#64748b" }}>{item.when}</p> : null}
            </div>
          ))}
          <hr style={{ border: "none", borderTop: "1px solid #e2e8f0", margin: "24px 0 12px" }} />
          <p style={{ fontSize: "12px", color: "#64748b" }}>
            You get this because of your alert preferences in Ledgerline.{" "}
            {unsubscribe.map((u) => (
              <a key={u.url} href={u.url} style={{ color: "#64748b", marginRight: "8px" }}>
                Stop emails for “{u.label}”
              </a>
            ))}
          </p>
        </div>
      </body>
    </html>,
  );

  const text = [
    `Hello ${options.recipientName},`,
    "",
    ...items.flatMap((item) => [item.title, ...item.lines, `Open in Ledgerline: ${item.url}`, ...(options.digest ? [item.when] : []), ""]),
    "You get this because of your alert preferences in Ledgerline.",
    ...unsubscribe.map((u) => `Stop emails for “${u.label}”: ${u.url}`),
    "",
  ].join("\n");

  return { subject, html, text, singleRule: rules.length === 1 ? rules[0]! : null };
}
