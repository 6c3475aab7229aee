// Bench child: the baseline, a bare node:http server answering a fixed JSON body on loopback.
// Prints { port } on stdout when ready.
import { createServer } from 'node:http';

const body = JSON.stringify({
  checkedAt: '2026-11-23T12:00:00.000Z',
  verdicts: { ast_1: { status: 'blocked', approvedUntil: null, nextCheckAt: null } },
});
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
