/** axe-core over a page: its serious and critical violations, one line each (the app's CSP needs a context with bypassCSP). */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** "rule: target — message" for each element with a serious or critical violation; `rules` limits the check. */
export async function seriousViolations(page: Page, rules?: readonly string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const { violations } = await (rules ? builder.withRules([...rules]) : builder).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id}: ${node.target.join(' ')} — ${node.any[0]?.message ?? violation.help}`,
      ),
    );
}

/** Turns presenter mode on or off with its button. */
export async function presenter(page: Page, on: boolean): Promise<void> {
  const toggle = page.getByRole('button', { name: 'Presenter mode' });
  if ((await toggle.getAttribute('aria-pressed')) !== String(on)) await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', String(on));
}

/**
 * Serious violations of the page as it is, light and dark, with and without presenter mode: every
 * rule in the light theme (presenter mode's larger type changes what fits and what scrolls), and in
 * the dark one the rule a palette changes (contrast). Leaves the page light, not presenting.
 */
export async function violationsInEveryTheme(page: Page, state: string): Promise<string[]> {
  const found: string[] = [];
  for (const on of [false, true]) {
    await presenter(page, on);
    found.push(...(await violationsLightAndDark(page, `${state}${on ? ', presenter' : ''}`)));
  }
  await presenter(page, false);
  return found;
}

/** Serious violations in the light theme (every rule) and the dark one (contrast), as presenter mode is now; leaves it light. */
export async function violationsLightAndDark(page: Page, state: string): Promise<string[]> {
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const rules = colorScheme === 'light' ? undefined : ['color-contrast'];
    for (const line of await seriousViolations(page, rules)) found.push(`${state}, ${colorScheme}: ${line}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
