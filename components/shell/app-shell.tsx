"use client";

import { Menu, X } from "lucide-react";
import { usePathname } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * The page frame. From the md breakpoint up the navigation is a fixed column; below it (a phone),
 * it is a drawer behind a menu button in a top bar, so the page gets the whole width. The drawer
 * closes on Escape, on a tap outside and on navigation, and gives focus back to the button.
 *
 * `headerActions` is the slot for items every page shows in the top bar (beside the menu button on
 * a phone, at the top right on a wide screen); it is rendered once, placed by CSS.
 */
export function AppShell({ brand, navigation, account, headerActions, banner, children }: {
  brand: ReactNode;
  navigation: ReactNode;
  account: ReactNode;
  headerActions?: ReactNode;
  banner?: ReactNode;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const button = useRef<HTMLButtonElement>(null);
  const drawer = useRef<HTMLElement>(null);

  // A link in the drawer navigates without unmounting the shell: close it on arrival.
  const [shownPath, setShownPath] = useState(pathname);
  if (shownPath !== pathname) {
    setShownPath(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    drawer.current?.querySelector<HTMLElement>("nav a")?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  return (
    <div className="flex min-h-screen flex-col">
      {banner}
      <div className="flex flex-1">
        {open ? <div aria-hidden className="fixed inset-0 z-40 bg-slate-950/40 md:hidden" onClick={close} /> : null}
        <aside
          id="app-navigation"
          ref={drawer}
          className={`${open ? "fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] overflow-y-auto shadow-xl" : "hidden"} flex-col border-r border-slate-200 bg-white px-3 py-4 md:sticky md:top-0 md:z-auto md:flex md:h-screen md:w-56 md:shrink-0 md:shadow-none`}
        >
          <div className="mb-5 flex items-center justify-between gap-2 px-2.5">
            {brand}
            <button
              type="button"
              onClick={close}
              className="inline-flex size-11 items-center justify-center rounded-md text-slate-700 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-indigo-500 md:hidden"
            >
              <X aria-hidden className="size-5" />
              <span className="sr-only">Close menu</span>
            </button>
          </div>
          {navigation}
          <div className="mt-auto border-t border-slate-200 px-2.5 pt-3">{account}</div>
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          {/* One top bar for both sizes, so what it holds (the bell and its polling) is mounted once:
              on a phone the sticky bar with the menu button, from md up a row above the page. */}
          <header className={`sticky top-0 z-30 flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-2 md:static md:z-auto md:border-0 md:bg-transparent md:px-8 md:pt-4 md:pb-0 ${headerActions ? "" : "md:hidden"}`}>
            <button
              ref={button}
              type="button"
              aria-expanded={open}
              aria-controls="app-navigation"
              onClick={() => setOpen((was) => !was)}
              className="inline-flex size-11 items-center justify-center rounded-md text-slate-700 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-indigo-500 md:hidden"
            >
              <Menu aria-hidden className="size-5" />
              <span className="sr-only">Menu</span>
            </button>
            <div className="min-w-0 flex-1 md:hidden">{brand}</div>
            {headerActions ? <div className="ml-auto flex items-center gap-2">{headerActions}</div> : null}
          </header>
          <main className="min-w-0 flex-1 px-4 py-5 [overflow-wrap:anywhere] md:px-8 md:py-6">{children}</main>
        </div>
      </div>
    </div>
  );
}
