/**
 * The policies of the `zscaler-mcp-guardrails` pack, in the order they run. `index.ts` builds the
 * pack from this array; tests and the offline gate import it directly, without starting the
 * analyzer that constructing a `PolicyPack` starts.
 */
import { Policies } from "@pulumi/policy";
import { agentcoreTrustConditions } from "./rules/agentcoreTrust";
import { cloudtrailRequired } from "./rules/cloudtrailRequired";
import { executionRoleSecretScope } from "./rules/executionRoleSecretScope";
import { iamNoStarResource } from "./rules/iamStarResource";
import { iamNoWildcardActions } from "./rules/iamWildcardActions";
import { plaintextCredentials } from "./rules/plaintextCredentials";
import { secretArnSuffix } from "./rules/secretArnSuffix";
import { secretCustomerManagedKey } from "./rules/secretCustomerKey";
import { secretRotationEnabled } from "./rules/secretRotation";
import { trailBucketProtected } from "./rules/trailBucket";

/** The pack's name, as published and as passed to `pulumi policy enable`. */
export const PACK_NAME = "zscaler-mcp-guardrails";

/** Every policy of the pack. */
export const policies: Policies = [
  secretArnSuffix,
  plaintextCredentials,
  cloudtrailRequired,
  iamNoWildcardActions,
  iamNoStarResource,
  agentcoreTrustConditions,
  secretCustomerManagedKey,
  secretRotationEnabled,
  trailBucketProtected,
  executionRoleSecretScope,
];
