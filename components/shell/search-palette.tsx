"use client";

import { Command } from "cmdk";
import { Search } from "lucide-react";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

// The shell mounts one palette; the search buttons (one in each header the shell draws) ask it to
// open through this event, so a key press never opens two.
const OPEN_EVENT = "ledgerline:open-search";
const DEBOUNCE_MS = 150;

interface SearchHit {
  id: string;
  href: string;
  title: string;
  detail: string;
}

interface SearchGroup {
  type: string;
  label: string;
  hits: SearchHit[];
}

type Answer = { state: "idle" } | { state: "loading" } | { state: "done"; groups: SearchGroup[] } | { state: "error"; message: string };

/** What the server answered, and for which text (an answer to older keystrokes is never shown). */
type Answered = Answer & { q: string };

function typingIntoAField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** One search over every object: opened with "/" (outside a form field) or Ctrl-K / ⌘-K. */
export function SearchPalette() {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [answered, setAnswered] = useState<Answered | null>(null);
  const router = useRouter();
  const request = useRef<AbortController | null>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.key === "k" || event.key === "K") && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        setOpen((was) => !was);
      } else if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typingIntoAField(event.target)) {
        event.preventDefault();
        setOpen(true);
      }
    };
    const onOpen = () => setOpen(true);
    document.addEventListener("keydown", onKey);
    window.addEventListener(OPEN_EVENT, onOpen);
    return () => {
      document.removeEventListener("keydown", onKey);
      window.removeEventListener(OPEN_EVENT, onOpen);
    };
  }, []);

  useEffect(() => {
    request.current?.abort();
    const q = text.trim();
    if (!open || q === "") return;
    const controller = new AbortController();
    request.current = controller;
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/search?q=${encodeURIComponent(q)}`, { cache: "no-store", signal: controller.signal });
        const body = (await response.json()) as { groups?: SearchGroup[]; error?: string };
        setAnswered(response.ok && body.groups ? { q, state: "done", groups: body.groups } : { q, state: "error", message: body.error ?? "Search is not available right now." });
      } catch {
        if (!controller.signal.aborted) setAnswered({ q, state: "error", message: "Search is not available right now. Check your connection." });
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, open]);

  const q = text.trim();
  const answer: Answer = q === "" ? { state: "idle" } : answered?.q === q ? answered : { state: "loading" };

  const go = (href: string) => {
    setOpen(false);
    setText("");
    router.push(href);
  };

  return (
    <Command.Dialog
      open={open}
      onOpenChange={setOpen}
      label="Search"
      shouldFilter={false}
      loop
      overlayClassName="fixed inset-0 z-50 bg-slate-950/40"
      contentClassName="fixed inset-x-3 top-16 z-50 mx-auto max-w-xl overflow-hidden rounded-lg border border-slate-200 bg-surface shadow-xl"
    >
      <div className="flex items-center gap-2 border-b border-slate-200 px-3">
        <Search aria-hidden className="size-4 shrink-0 text-slate-500" />
        <Command.Input
          value={text}
          onValueChange={setText}
          maxLength={100}
          placeholder="Search by id, email, name, last 4 or amount"
          className="h-12 w-full min-w-0 bg-transparent text-base text-slate-900 outline-none placeholder:text-slate-500"
        />
      </div>
      <Command.List className="max-h-[60vh] overflow-y-auto p-2" data-testid="search-results">
        {answer.state === "loading" ? <Command.Loading>Searching…</Command.Loading> : null}
        {answer.state === "error" ? (
          <p role="alert" className="px-2 py-3 text-sm text-red-800">
            {answer.message}
          </p>
        ) : null}
        {answer.state === "done" && answer.groups.length === 0 ? <p className="px-2 py-3 text-sm text-slate-600">Nothing matches “{text.trim()}”.</p> : null}
        {answer.state === "idle" ? (
          <p className="px-2 py-3 text-sm text-slate-600">A payment, charge, refund, dispute, payout, customer or event id (or its start), an email, part of a name, a card’s last 4 or an amount.</p>
        ) : null}
        {answer.state === "done"
          ? answer.groups.map((group) => (
              <Command.Group key={group.type} heading={group.label} className="mb-1 text-xs font-semibold text-slate-600 [&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1.5">
                {group.hits.map((hit) => (
                  // The option is the link itself (a link inside an option would nest two controls);
                  // cmdk selects it on Enter or a click and the router goes there.
                  <Command.Item
                    key={hit.href + hit.id}
                    asChild
                    value={`${group.type}:${hit.id}`}
                    onSelect={() => go(hit.href)}
                    className="block cursor-pointer rounded-md px-2 py-2 text-sm font-normal text-slate-900 data-[selected=true]:bg-indigo-50 data-[selected=true]:text-indigo-900"
                  >
                    <a href={hit.href} tabIndex={-1} onClick={(event) => event.preventDefault()}>
                      <span className="block truncate font-medium">{hit.title}</span>
                      <span className="block truncate text-xs text-slate-600">{hit.detail}</span>
                    </a>
                  </Command.Item>
                ))}
              </Command.Group>
            ))
          : null}
      </Command.List>
    </Command.Dialog>
  );
}

/** The shell's search button; the palette itself is mounted once (SearchPalette). */
export function SearchButton() {
  return (
    <button
      type="button"
      onClick={() => window.dispatchEvent(new Event(OPEN_EVENT))}
      className="inline-flex min-h-11 items-center gap-2 rounded-md border border-slate-200 px-2.5 text-sm text-slate-600 outline-none hover:bg-slate-100 hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-indigo-500 md:min-h-0 md:py-1"
    >
      <Search aria-hidden className="size-4" />
      {/* "Find", not "Search": the list pages' own search buttons keep their name to themselves. */}
      <span className="sr-only md:not-sr-only">Find</span>
      <kbd aria-hidden className="hidden rounded border border-slate-200 px-1 text-xs text-slate-500 md:inline">/</kbd>
    </button>
  );
}
