// A bare node:http server that reads the body and answers a small XML document: the ceiling
// Warden is measured against in the same run.
import { createServer } from 'node:http';

const body = Buffer.from('<EchoResponse><RequestId>00000000-0000-0000-0000-000000000000</RequestId></EchoResponse>');
const server = createServer({ keepAlive: true }, (req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'text/xml', 'content-length': String(body.length) });
    res.end(body);
  });
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`listening on http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}\n`);
});
