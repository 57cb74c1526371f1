/** Reading the ECR repository an image URI names, for the execution role's pull permission. */
import * as assert from "node:assert/strict";
import { checkContainerUri, ecrRepositoryOf } from "../../components/config/rules";

describe("ecrRepositoryOf", () => {
  for (const [uri, repository] of [
    [
      "123456789012.dkr.ecr.us-east-1.amazonaws.com/zscaler/zscaler-mcp-server:0.6.2",
      "zscaler/zscaler-mcp-server",
    ],
    [`210987654321.dkr.ecr.eu-west-1.amazonaws.com/mcp@sha256:${"a".repeat(64)}`, "mcp"],
    ["123456789012.dkr.ecr.us-east-1.amazonaws.com/a/b/c:latest", "a/b/c"],
  ]) {
    it(`reads ${repository} from ${uri.slice(0, 60)}...`, () => {
      assert.equal(checkContainerUri(uri), undefined);
      const found = ecrRepositoryOf(uri);
      assert.equal(found.repository, repository);
      assert.equal(found.account, uri.slice(0, 12));
      assert.equal(found.region, uri.split(".")[3]);
    });
  }
});
