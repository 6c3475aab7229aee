// Bench child: the baseline, a bare node:http server answering a fixed JSON body on loopback
// (CF_BASELINE_BODY: the registry's answer to the bench's request). Prints { port } when ready.
import { createServer } from 'node:http';

const body = process.env.CF_BASELINE_BODY;
if (body === undefined || body === '') throw new Error('serve-baseline: CF_BASELINE_BODY is unset');
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ port })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
