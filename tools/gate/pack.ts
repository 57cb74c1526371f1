/** The pack's identity as the engine prints it in messages: `<name>@v<version>`. */
import { PACK_NAME } from "../../policy/policies";
import packageJson from "../../policy/package.json";

/** `zscaler-mcp-guardrails@v<version from policy/package.json>`. */
export const PACK_ID = `${PACK_NAME}@v${packageJson.version}`;
