/**
 * Prints gate results the way `pulumi preview --policy-pack` prints policy violations: the pack,
 * then one block per violation (level, policy, resource, then the message lines), then a summary.
 */
import type { GateResult, GateViolation } from "../gate";
import { PACK_ID } from "./pack";

const MARK: Record<GateViolation["enforcementLevel"], string> = {
  mandatory: "[mandatory]",
  advisory: "[advisory] ",
  remediate: "[remediate]",
};

function resourceLabel(violation: GateViolation): string {
  if (violation.resourceType !== undefined && violation.resourceName !== undefined) {
    return `  (${violation.resourceType}: ${violation.resourceName})`;
  }
  return violation.urn !== undefined ? `  (${violation.urn})` : "";
}

/** Formats one stack's result; the last line is the summary. */
export function formatGate(result: GateResult): string {
  const lines: string[] = [];
  const failed = result.mandatory > 0;
  lines.push(`Policies (stack ${result.stack}):`);
  lines.push(`    ${failed ? "FAILED" : "passed"}  ${PACK_ID} (local: policy)`);
  for (const violation of result.violations) {
    lines.push(
      `        - ${MARK[violation.enforcementLevel]}  ${violation.policyName}${resourceLabel(violation)}`,
    );
    for (const line of violation.message.split("\n")) {
      lines.push(`          ${line}`);
    }
  }
  lines.push(
    `Policy gate ${result.stack}: ${failed ? "FAILED" : "passed"} - ${result.mandatory} mandatory, ` +
      `${result.advisory} advisory, ${result.remediated} remediated.`,
  );
  return lines.join("\n");
}
