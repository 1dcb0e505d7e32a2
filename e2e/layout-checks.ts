// Checks the phone and accessibility specs run on every page they visit: nothing scrolls the page
// sideways, an action a person must press is on screen and not under something else, and axe
// finds no serious or critical violation.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page } from "@playwright/test";

/** Fails when the page is wider than the window, naming the elements that stick out. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const found = await page.evaluate(() => {
    const width = window.innerWidth;
    const sticking = [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 0.5)
      // The innermost offenders say what to fix; their ancestors stick out only because of them.
      .filter((el, _i, all) => !all.some((other) => other !== el && el.contains(other)))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}.${String(el.getAttribute("class") ?? "").split(" ").slice(0, 4).join(".")} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.scrollingElement!.scrollWidth, width, sticking };
  });
  expect(found.scrollWidth, `${page.url()} scrolls sideways (${found.scrollWidth} px in ${found.width}): ${found.sticking.join(", ")}`).toBeLessThanOrEqual(found.width);
}

/**
 * Scrolls an action into view and fails when it is still not wholly inside the window, is smaller
 * than a 24 px target (WCAG 2.2, 2.5.8), or something else would take the tap.
 */
export async function expectReachable(target: Locator): Promise<void> {
  await expect(target).toBeVisible();
  await target.scrollIntoViewIfNeeded();
  const verdict = await target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const inView = r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {
      inView,
      bigEnough: r.width >= 24 && r.height >= 24,
      uncovered: hit !== null && (hit === el || el.contains(hit)),
      where: `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)} in ${window.innerWidth}×${window.innerHeight}`,
      covering: hit && hit !== el && !el.contains(hit) ? hit.outerHTML.slice(0, 160) : "",
    };
  });
  const label = `${await target.evaluate((el) => el.textContent?.trim() || el.getAttribute("aria-label") || el.tagName)} at ${verdict.where}`;
  expect(verdict.inView, `${label} is out of the window`).toBe(true);
  expect(verdict.bigEnough, `${label} is smaller than a 24 px target`).toBe(true);
  expect(verdict.uncovered, `${label} is covered by ${verdict.covering}`).toBe(true);
}

/** Checks the action can be reached, then presses it. */
export async function press(target: Locator): Promise<void> {
  await expectReachable(target);
  await target.click();
}

/** axe-core's WCAG 2.x A and AA rules (and its best practices): no serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const grave = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  expect(grave, `${page.url()} has accessibility violations`).toEqual([]);
}

/**
 * axe leaves the text of a chart undecided ("incomplete": it cannot tell what lies behind SVG), so
 * each axis label and legend entry is checked here against the card it sits on: WCAG AA, 4.5:1.
 * Fails when the page has no chart text, so a chart that never drew cannot pass.
 */
export async function expectChartTextReadable(page: Page): Promise<void> {
  await expect(page.locator(".recharts-cartesian-axis-tick-value").first()).toBeVisible();
  const found = await page.evaluate(() => {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    // The canvas turns any CSS colour (oklch, light-dark()'s result) into sRGB bytes.
    const bytes = (color: string) => {
      context.clearRect(0, 0, 1, 1);
      context.fillStyle = color;
      context.fillRect(0, 0, 1, 1);
      return [...context.getImageData(0, 0, 1, 1).data];
    };
    const luminance = ([r, g, b]: number[]) =>
      [r!, g!, b!].map((c) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
    const backdrop = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const rgba = bytes(getComputedStyle(e).backgroundColor);
        if (rgba[3] === 255) return rgba;
      }
      return bytes(getComputedStyle(document.body).backgroundColor);
    };
    return [...document.querySelectorAll(".recharts-cartesian-axis-tick-value, .recharts-legend-item-text")].map((el) => {
      const style = getComputedStyle(el);
      const [a, b] = [luminance(bytes(el instanceof SVGElement ? style.fill : style.color)), luminance(backdrop(el))];
      return { text: el.textContent ?? "", ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05) };
    });
  });
  expect(found.length, `${page.url()} has no chart text to check`).toBeGreaterThan(0);
  const faint = found.filter((t) => t.ratio < 4.5).map((t) => `"${t.text}" ${t.ratio.toFixed(2)}:1`);
  expect(faint, `${page.url()} has chart text under 4.5:1`).toEqual([]);
}

/** Every check a visited page must pass. */
export async function checkPage(page: Page): Promise<void> {
  await expectNoSidewaysScroll(page);
  await expectAccessible(page);
}
