import type { ReactNode } from "react";

// Pages a merchant's customer opens from a link: no staff shell, no sign-in, nothing indexed.
export const metadata = { robots: { index: false, follow: false } };

export default function CustomerLayout({ children }: { children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-start justify-center px-4 py-12">
      <div className="w-full max-w-md rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</div>
    </main>
  );
}
