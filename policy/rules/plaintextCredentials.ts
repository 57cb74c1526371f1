/**
 * `no-plaintext-credentials-in-env`: AgentCore runtimes and Lambda functions keep credentials out
 * of their environment variables, where anyone who can describe the resource reads them.
 */
import {
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
} from "@pulumi/policy";
import {
  CredentialReason,
  CredentialSettings,
  credentialShape,
  describeReason,
  isCredentialName,
  isReference,
  nameWords,
} from "../lib/credentials";
import { controlTags, projectControl, settings } from "../lib/metadata";
import { TYPES } from "../lib/types";
import { Undecided, isRecord, isUnknown, plainProps } from "../lib/values";

const schema: PolicyConfigSchema = {
  properties: {
    credentialNames: {
      type: "array",
      items: { type: "string" },
      default: [
        "ZSCALER_CLIENT_ID",
        "ZSCALER_CLIENT_SECRET",
        "ZSCALER_PRIVATE_KEY",
        "ZSCALER_API_KEY",
        "ZSCALER_PASSWORD",
      ],
      description: "Variable names always treated as credentials.",
    },
    allowedNames: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Variable names never treated as credentials by name.",
    },
    minSecretLength: {
      type: "integer",
      minimum: 8,
      default: 20,
      description: "Shortest value the high-entropy test considers.",
    },
    minEntropyBitsPerChar: {
      type: "number",
      minimum: 0,
      default: 3.5,
      description: "Entropy (bits per character) at which a value looks generated.",
    },
  },
};

/** Last words of a variable name that make a computed value a reference (a name, an ARN). */
const REFERENCE_ENDINGS = new Set(["NAME", "ARN", "REGION", "URL", "URI", "ENDPOINT", "ID"]);

/** Where each type keeps its environment: a path in its inputs and a noun for messages. */
function environmentOf(
  type: string,
  props: Record<string, unknown>,
): { path: string; value: unknown } | undefined {
  switch (type) {
    case TYPES.agentRuntime:
    case TYPES.nativeAgentRuntime:
      return { path: "environmentVariables", value: props.environmentVariables };
    case TYPES.lambdaFunction: {
      const environment = props.environment;
      if (isUnknown(environment)) {
        return { path: "environment", value: environment };
      }
      return {
        path: "environment.variables",
        value: isRecord(environment) ? environment.variables : undefined,
      };
    }
    default:
      return undefined;
  }
}

/** The violation message for one variable; it names the key, never the value. */
export function credentialMessage(path: string, key: string, reason: CredentialReason): string {
  return (
    `Environment variable \`${key}\` in \`${path}\` must not carry a credential in plain text ` +
    `(${describeReason(reason)}): keep the credential in Secrets Manager and pass only the secret's ` +
    "name or ARN (for example `ZSCALER_SECRET_NAME`), letting the workload read it at start-up."
  );
}

function validate(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
  const props = plainProps(args.props);
  const environment = environmentOf(args.type, props);
  if (environment === undefined) {
    args.notApplicable("only AgentCore runtimes and Lambda functions carry environment variables");
  }
  const config = settings<CredentialSettings>(args, schema);
  const undecided = new Undecided();
  const { path, value } = environment;
  if (isUnknown(value)) {
    undecided.add(`\`${path}\` as a whole is computed from other resources' outputs`);
  } else if (isRecord(value)) {
    for (const [key, raw] of Object.entries(value)) {
      const reason = judge(key, raw, config);
      if (reason === "undecided") {
        undecided.add(`the value of \`${key}\` is computed from other resources' outputs`);
      } else if (reason !== undefined) {
        reportViolation(credentialMessage(path, key, reason));
      }
    }
  }
  undecided.settle("The environment variables of this resource");
}

/** Decides one variable: a reason it holds a credential, undefined if not, or "undecided". */
function judge(
  key: string,
  raw: unknown,
  config: CredentialSettings,
): CredentialReason | "undecided" | undefined {
  const value =
    typeof raw === "string" ? raw : raw === undefined || raw === null ? "" : String(raw);
  const referenceName = REFERENCE_ENDINGS.has(nameWords(key).pop() ?? "");
  if (isUnknown(raw)) {
    if (isCredentialName(key, config)) {
      return "name";
    }
    // A computed value under a reference-like name (`..._SECRET_NAME`, `..._ARN`) is a pointer.
    return referenceName ? undefined : "undecided";
  }
  if (isReference(value)) {
    return undefined;
  }
  if (isCredentialName(key, config) && value !== "") {
    return "name";
  }
  // Under a name that says it holds a name or an ARN, only known credential formats count.
  return credentialShape(value, config, !referenceName);
}

/** Checks that no runtime or function environment variable carries a credential in plain text. */
export const plaintextCredentials: ResourceValidationPolicy = {
  name: "no-plaintext-credentials-in-env",
  description:
    "Checks that environment variables of AgentCore runtimes and Lambda functions carry no " +
    "credentials in plain text, only references to a secret.",
  displayName: "No plaintext credentials in environment variables",
  severity: "critical",
  configSchema: schema,
  framework: projectControl(
    "ZMG-ENV-1",
    "No credentials in runtime or function environment variables",
  ),
  tags: controlTags(["secrets", "agentcore", "lambda"], { checkov: ["CKV_AWS_45"] }),
  remediationSteps:
    "Store the credential in Secrets Manager and set only the secret's name or ARN in the " +
    "environment (credential mode `runtime`); grant the execution role read access to that secret.",
  validateResource: validate,
};
