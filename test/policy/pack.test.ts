import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PACK_NAME, policies } from "../../policy/policies";

const POLICY_DIR = path.resolve(__dirname, "..", "..", "policy");

describe("zscaler-mcp-guardrails pack", () => {
  it("holds the ten policies under unique kebab-case names", () => {
    const names = policies.map((p) => p.name);
    assert.strictEqual(new Set(names).size, 10);
    for (const name of names) {
      assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
    for (const named of [
      "secretsmanager-arn-suffix",
      "no-plaintext-credentials-in-env",
      "cloudtrail-required",
    ]) {
      assert.ok(names.includes(named), named);
    }
  });

  it("describes every policy with a sentence starting 'Checks that'", () => {
    for (const policy of policies) {
      assert.ok(policy.description.startsWith("Checks that "), policy.name);
      assert.ok(policy.description.endsWith("."), policy.name);
    }
  });

  it("gives every setting of every policy a default and a description", () => {
    for (const policy of policies) {
      assert.ok(policy.configSchema, policy.name);
      for (const [key, property] of Object.entries(policy.configSchema.properties)) {
        assert.notStrictEqual(property.default, undefined, `${policy.name}.${key}`);
        assert.ok(property.description, `${policy.name}.${key}`);
      }
      assert.ok(!("enforcementLevel" in policy.configSchema.properties), policy.name);
    }
  });

  it("maps every policy to controls, a severity and remediation steps", () => {
    for (const policy of policies) {
      assert.ok(policy.framework?.reference, policy.name);
      assert.ok(policy.severity, policy.name);
      assert.ok(policy.remediationSteps, policy.name);
      assert.ok((policy.tags ?? []).length > 0, policy.name);
    }
  });

  it("offers remediation for the ARN-suffix rule", () => {
    const rule = policies.find((p) => p.name === "secretsmanager-arn-suffix");
    assert.ok(rule && "remediateResource" in rule && typeof rule.remediateResource === "function");
  });

  it("is a publishable pack whose name matches its package", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(POLICY_DIR, "package.json"), "utf8"));
    assert.strictEqual(pkg.name, PACK_NAME);
    assert.match(pkg.version, /^\d+\.\d+\.\d+$/);
    assert.match(
      fs.readFileSync(path.join(POLICY_DIR, "PulumiPolicy.yaml"), "utf8"),
      /^runtime: nodejs$/m,
    );
    const index = fs.readFileSync(path.join(POLICY_DIR, "index.ts"), "utf8");
    assert.match(index, /new PolicyPack\(PACK_NAME, \{\n  policies,/);
  });

  it("keeps the pack self-contained (no imports from outside policy/)", () => {
    const files = ["", "lib", "rules"].flatMap((dir) =>
      fs
        .readdirSync(path.join(POLICY_DIR, dir))
        .filter((f) => f.endsWith(".ts"))
        .map((f) => path.join(POLICY_DIR, dir, f)),
    );
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      for (const [, from] of text.matchAll(/from "([^"]+)"/g)) {
        const resolved = from.startsWith(".") ? path.resolve(path.dirname(file), from) : from;
        assert.ok(
          !from.startsWith(".") || resolved.startsWith(POLICY_DIR),
          `${file} imports ${from}`,
        );
        assert.ok(
          from.startsWith(".") || from.startsWith("@pulumi/policy"),
          `${file} imports ${from}`,
        );
      }
    }
  });

  it("configures every policy for both stacks", () => {
    for (const stack of ["dev", "prod"]) {
      const config = JSON.parse(
        fs.readFileSync(path.join(POLICY_DIR, "config", `${stack}.json`), "utf8"),
      );
      assert.deepStrictEqual(
        Object.keys(config).sort(),
        ["all", ...policies.map((p) => p.name)].sort(),
        stack,
      );
    }
  });
});
