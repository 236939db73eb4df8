// Every amount in yuan ("¥8,000,000.00", "+¥900,000.00") inside a part of the page must
// sit on one line: a table squeezing its column used to break one a character per line.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// The check runs in the page: the few DOM names it uses, as the project's types are Node's.
interface PageText { textContent: string | null }
interface PageRange { setStart(node: PageText, offset: number): void; setEnd(node: PageText, offset: number): void; getClientRects(): Iterable<{ top: number; width: number }> }
declare const document: { createTreeWalker(root: unknown, whatToShow: number): { nextNode(): PageText | null }; createRange(): PageRange };

/** The amounts under `testId` that the browser lays out on more than one line (none expected), and how many it checked. */
export async function expectAmountsOnOneLine(page: Page, testId: string): Promise<void> {
  const { checked, broken } = await page.getByTestId(testId).first().evaluate((root) => {
    // Inside: the function is sent to the page alone. NodeFilter.SHOW_TEXT, the walk visits text only.
    const SHOW_TEXT = 4;
    const amount = /[+-]?¥[\d,]+\.\d{2}/g;
    const found = { checked: 0, broken: [] as string[] };
    const walker = document.createTreeWalker(root, SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of (node.textContent ?? '').matchAll(amount)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        // One line box per line the text occupies.
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        found.checked += 1;
        if (lines.size > 1) found.broken.push(`${match[0]} on ${lines.size} lines`);
      }
    }
    return found;
  });
  expect(checked, `amounts under ${testId}`).toBeGreaterThan(0);
  expect(broken, `amounts broken across lines under ${testId}`).toEqual([]);
}
