import { cardCheckLabel, cardFundingLabel, walletLabel } from "@/lib/format";
import { cardLabel } from "@/lib/payments/card-label";
import type { CardDetails } from "@/lib/payments/card-details";

/** The card a payment was made with, as its charge reports it, and the payment's metadata. */
export function PaymentCardAndMetadata({ card, metadata }: { card: CardDetails | null; metadata: Array<[string, string]> }) {
  return (
    <>
      {card ? (
        <section aria-labelledby="card-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="card-details">
          <h2 id="card-title" className="text-sm font-semibold">
            Payment method
          </h2>
          <dl className="mt-2 grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1.5 text-sm">
            <Row label="Card">{cardLabel(card.brand, card.last4)}</Row>
            <Row label="Expires">{card.expiry ?? "—"}</Row>
            <Row label="Issuing country">{card.country ?? "—"}</Row>
            <Row label="Funding">{cardFundingLabel(card.funding)}</Row>
            <Row label="CVC check">{cardCheckLabel(card.cvcCheck)}</Row>
            <Row label="Street check">{cardCheckLabel(card.addressLine1Check)}</Row>
            <Row label="Postal code check">{cardCheckLabel(card.postalCodeCheck)}</Row>
            <Row label="Wallet">{walletLabel(card.wallet)}</Row>
          </dl>
        </section>
      ) : null}
      <section aria-labelledby="metadata-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="payment-metadata">
        <h2 id="metadata-title" className="text-sm font-semibold">
          Metadata
        </h2>
        {metadata.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No metadata.</p>
        ) : (
          <dl className="mt-2 grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1.5 text-sm">
            {metadata.map(([key, value]) => (
              <Row key={key} label={key}>
                {value}
              </Row>
            ))}
          </dl>
        )}
      </section>
    </>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="break-words text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}
