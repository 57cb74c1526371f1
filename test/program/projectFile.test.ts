/**
 * `Pulumi.yaml` declares exactly the keys the program reads, with the types and defaults of
 * `components/config/keys.ts`, so `pulumi config` users see every setting.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { CONFIG_KEYS } from "../../components/config/keys";
import { ROOT, projectFileText } from "../../tools/program/projectFile";

/** Keys the loader reads, found by `config.<type>("<key>")` calls and `helper(config, "<key>")`. */
function keysReadByLoader(): Set<string> {
  const dir = path.join(ROOT, "components", "config");
  const read = new Set<string>();
  for (const file of fs.readdirSync(dir)) {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    const reads =
      /config(?:\.(?:string|boolean|integer|integerIn|list|secret|has)\(|, )"([A-Za-z]+)"/g;
    for (const match of text.matchAll(reads)) {
      read.add(match[1]);
    }
  }
  return read;
}

describe("Pulumi.yaml", () => {
  it("is generated from the current key table (run `npm run config:sync` if not)", () => {
    assert.equal(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"), projectFileText());
  });

  it("declares every key the loader reads, and the loader reads every declared key", () => {
    const declared = new Set(CONFIG_KEYS.map((key) => key.name));
    assert.deepEqual([...keysReadByLoader()].sort(), [...declared].sort());
  });

  it("marks exactly the credential keys as secret", () => {
    assert.deepEqual(
      CONFIG_KEYS.filter((key) => key.secret).map((key) => key.name),
      ["zscalerClientId", "zscalerClientSecret"],
    );
  });
});

describe("README", () => {
  it("documents every configuration key in its reference table", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const missing = CONFIG_KEYS.filter((key) => !readme.includes(`| \`${key.name}\``));
    assert.deepEqual(
      missing.map((key) => key.name),
      [],
    );
  });
});
