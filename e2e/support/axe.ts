/** axe-core over a page: its serious and critical violations, one line each (the app's CSP needs a context with bypassCSP). */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';

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
