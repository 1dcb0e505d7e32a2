"use client";

import {
  Activity,
  Banknote,
  CreditCard,
  LayoutDashboard,
  Scale,
  ScrollText,
  Settings,
  Undo2,
  Users,
  type LucideIcon,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";

interface Section {
  href: string;
  label: string;
  icon: LucideIcon;
}

export const SECTIONS: readonly Section[] = [
  { href: "/", label: "Overview", icon: LayoutDashboard },
  { href: "/payments", label: "Payments", icon: CreditCard },
  { href: "/refunds", label: "Refunds", icon: Undo2 },
  { href: "/payouts", label: "Payouts", icon: Banknote },
  { href: "/disputes", label: "Disputes", icon: Scale },
  { href: "/customers", label: "Customers", icon: Users },
  { href: "/events", label: "Events", icon: Activity },
  { href: "/audit", label: "Audit", icon: ScrollText },
  { href: "/settings", label: "Settings", icon: Settings },
];

function isCurrent(pathname: string, href: string): boolean {
  return href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
}

export function Sidebar() {
  const pathname = usePathname();
  return (
    <nav aria-label="Sections" className="flex flex-col gap-0.5">
      {SECTIONS.map(({ href, label, icon: Icon }) => {
        const current = isCurrent(pathname, href);
        return (
          <Link
            key={href}
            href={href}
            aria-current={current ? "page" : undefined}
            className={`flex items-center gap-2.5 rounded-md px-2.5 py-2.5 text-sm font-medium outline-none md:py-1.5 transition-colors focus-visible:ring-2 focus-visible:ring-indigo-500 ${
              current ? "bg-indigo-50 text-indigo-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            }`}
          >
            <Icon aria-hidden className="size-4 shrink-0" />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
