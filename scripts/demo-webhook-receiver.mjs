// A minimal webhook subscriber for the demo: appends each delivered alert to a file.
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';

const file = process.argv[2] ?? 'webhooks.ndjson';
createServer((request, response) => {
  if (request.url === '/health') return response.writeHead(200).end('ok');
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    appendFileSync(file, `${body}\n`);
    console.log(`alert ${request.headers['idempotency-key']}: ${body}`);
    response.writeHead(204).end();
  });
}).listen(3999, '127.0.0.1');
