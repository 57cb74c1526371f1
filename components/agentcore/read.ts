/** Reads of the control plane that the lifecycle operations build on. */
import {
  type BedrockAgentCoreControlClient,
  GetAgentRuntimeCommand,
  type GetAgentRuntimeResponse,
  ListAgentRuntimesCommand,
  ListTagsForResourceCommand,
} from "@aws-sdk/client-bedrock-agentcore-control";
import { isNotFound } from "./errors";
import { type RuntimeState, stateFromLive } from "./state";

/** Finds a runtime by exact name, following `ListAgentRuntimes` pages; undefined when none. */
export async function findRuntimeByName(
  client: BedrockAgentCoreControlClient,
  agentRuntimeName: string,
): Promise<RuntimeState | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListAgentRuntimesCommand({ maxResults: 100, nextToken }));
    const hit = page.agentRuntimes?.find((r) => r.agentRuntimeName === agentRuntimeName);
    if (hit) return stateFromLive(hit);
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

/** Reads a runtime; undefined when the service says it does not exist. */
export async function getRuntime(
  client: BedrockAgentCoreControlClient,
  agentRuntimeId: string,
): Promise<GetAgentRuntimeResponse | undefined> {
  try {
    return await client.send(new GetAgentRuntimeCommand({ agentRuntimeId }));
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/** Reads a runtime's tags, leaving out the `aws:` ones that nobody can set or remove. */
export async function getRuntimeTags(
  client: BedrockAgentCoreControlClient,
  agentRuntimeArn: string,
): Promise<Record<string, string>> {
  const out = await client.send(new ListTagsForResourceCommand({ resourceArn: agentRuntimeArn }));
  return Object.fromEntries(
    Object.entries(out.tags ?? {}).filter(([key]) => !key.startsWith("aws:")),
  );
}
