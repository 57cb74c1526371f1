/**
 * Typed access to this project's configuration, and the one error type the loader throws.
 */
import * as pulumi from "@pulumi/pulumi";
import { PROJECT } from "./keys";

/**
 * A configuration error: one sentence naming the key, what is wrong and how to fix it. It is a
 * `RunError`, so the Pulumi CLI prints the message alone, without a stack trace.
 */
export class ConfigError extends pulumi.RunError {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Builds the error for `key`: "`zscaler-mcp:<key>` <problem>; <fix>." */
export function configError(key: string, problem: string, fix: string): ConfigError {
  return new ConfigError(`\`${PROJECT}:${key}\` ${problem}; ${fix}.`);
}

/** Whether the CLI handed the key to the program as a secret (`pulumi config set --secret`). */
function isSecretConfigKey(key: string): boolean | undefined {
  // The SDK keeps this check internal; when it is missing the caller cannot tell, so it skips.
  const runtime = pulumi.runtime as unknown as { isConfigSecret?: (fullKey: string) => boolean };
  return runtime.isConfigSecret ? runtime.isConfigSecret(`${PROJECT}:${key}`) : undefined;
}

/** Reads keys of the project namespace with their declared types. */
export class ConfigReader {
  private readonly config = new pulumi.Config(PROJECT);

  /** A string, or undefined when unset or empty. */
  string(key: string): string | undefined {
    const value = this.config.get(key);
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  }

  /** A boolean, or undefined when unset. */
  boolean(key: string): boolean | undefined {
    const value = this.config.get(key);
    if (value === undefined || value === "") return undefined;
    if (value === "true" || value === "false") return value === "true";
    throw configError(
      key,
      `must be true or false: got "${value}"`,
      `run \`pulumi config set ${key} true\``,
    );
  }

  /** An integer, or undefined when unset. */
  integer(key: string): number | undefined {
    const value = this.config.get(key);
    if (value === undefined || value === "") return undefined;
    if (!/^-?\d+$/.test(value.trim())) {
      throw configError(
        key,
        `must be a whole number: got "${value}"`,
        `run \`pulumi config set ${key} <number>\``,
      );
    }
    return Number(value);
  }

  /**
   * An integer between `min` and `max` (inclusive), or `fallback` when unset; `unit` is named in
   * the error, which suggests the fallback as the fix.
   */
  integerIn(
    key: string,
    range: { min: number; max: number; fallback: number; unit?: string },
  ): number {
    const value = this.integer(key) ?? range.fallback;
    if (value < range.min || value > range.max) {
      const unit = range.unit ? ` ${range.unit}` : "";
      throw configError(
        key,
        `must be between ${range.min} and ${range.max}${unit}: got ${value}`,
        `run \`pulumi config set ${key} ${range.fallback}\``,
      );
    }
    return value;
  }

  /** A list of strings (a YAML list), or an empty list when unset. */
  list(key: string): string[] {
    const raw = this.config.get(key);
    if (raw === undefined || raw === "") return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || parsed.some((item) => typeof item !== "string")) {
      throw configError(
        key,
        "must be a list of strings",
        `set it as a YAML list in Pulumi.<stack>.yaml or with \`pulumi config set --path '${key}[0]' <value>\``,
      );
    }
    return parsed.map((item: string) => item.trim()).filter((item: string) => item !== "");
  }

  /**
   * A value that must be a Pulumi secret. Returns it wrapped as a secret Output, or undefined when
   * unset; throws when it was set in plain text, without repeating the value.
   */
  secret(key: string): pulumi.Output<string> | undefined {
    const value = this.config.get(key);
    if (value === undefined || value === "") return undefined;
    if (isSecretConfigKey(key) === false) {
      throw configError(
        key,
        "is stored in plain text",
        `remove it with \`pulumi config rm ${key}\` and set it again with \`pulumi config set --secret ${key}\``,
      );
    }
    return pulumi.secret(value);
  }

  /** True when the key is set at all. */
  has(key: string): boolean {
    const value = this.config.get(key);
    return value !== undefined && value !== "";
  }
}
