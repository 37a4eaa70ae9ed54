/** The ceiling: a bare Node `http` server answering a fixed small JSON, read the request body and nothing else. */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const BODY = Buffer.from(JSON.stringify({ id: "10001", key: "PAY-1", self: "https://acme.atlassian.net/rest/api/3/issue/10001" }));

const server = createServer((request, response) => {
  request.resume();
  request.once("end", () => {
    response.writeHead(200, { "content-type": "application/json", "content-length": BODY.length });
    response.end(BODY);
  });
});
server.keepAliveTimeout = 60_000;

process.on("SIGTERM", () => server.close(() => process.exit(0)));

server.listen(0, "127.0.0.1", () => {
  process.send?.({ type: "ready", port: (server.address() as AddressInfo).port });
});
