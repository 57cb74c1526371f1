/**
 * A loopback stand-in for the AgentCore data plane's InvokeAgentRuntime route, answering each
 * request with the next scripted behaviour, and recording what it was sent.
 */
import * as http from "node:http";
import { AddressInfo } from "node:net";

/** How the stand-in answers one request. */
export type Behaviour =
  | { readonly kind: "json"; readonly body: unknown }
  | { readonly kind: "sse"; readonly body: unknown }
  | {
      readonly kind: "error";
      readonly status: number;
      readonly type: string;
      readonly message: string;
    }
  | { readonly kind: "hang" };

/** One request the stand-in received. */
export interface ReceivedInvocation {
  readonly path: string;
  readonly qualifier: string | null;
  readonly sessionId: string | undefined;
  readonly body: unknown;
}

/** A running stand-in. */
export interface DataPlaneStandIn {
  readonly endpoint: string;
  readonly received: ReceivedInvocation[];
  close(): Promise<void>;
}

/** Starts a stand-in on 127.0.0.1 that plays `script` in order, repeating the last entry. */
export async function startDataPlane(script: Behaviour[]): Promise<DataPlaneStandIn> {
  const received: ReceivedInvocation[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      received.push({
        path: decodeURIComponent(url.pathname),
        qualifier: url.searchParams.get("qualifier"),
        sessionId: req.headers["x-amzn-bedrock-agentcore-runtime-session-id"] as string | undefined,
        body: raw === "" ? undefined : JSON.parse(raw),
      });
      const behaviour = script[Math.min(received.length - 1, script.length - 1)];
      switch (behaviour.kind) {
        case "json":
          res
            .writeHead(200, { "content-type": "application/json" })
            .end(JSON.stringify(behaviour.body));
          return;
        case "sse":
          res
            .writeHead(200, { "content-type": "text/event-stream" })
            .end(`event: message\ndata: ${JSON.stringify(behaviour.body)}\n\n`);
          return;
        case "error":
          res
            .writeHead(behaviour.status, {
              "content-type": "application/json",
              "x-amzn-errortype": behaviour.type,
            })
            .end(JSON.stringify({ message: behaviour.message }));
          return;
        case "hang":
          return;
      }
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
