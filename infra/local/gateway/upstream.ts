/**
 * The connection to dynalite: forwards client requests untouched and makes the gateway's own
 * calls (GetItem snapshots, transaction steps, TTL deletes) with placeholder credentials,
 * since dynalite only checks that a SigV4-shaped Authorization header is present.
 */
import http from 'node:http';
import {
  CONTENT_TYPE,
  TARGET_PREFIX,
  errorFromAnswer,
  parseJsonObject,
  type JsonObject,
  type WireRequest,
  type WireResponse,
} from './protocol.js';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'host']);

export class Upstream {
  private readonly agent = new http.Agent({ keepAlive: true });
  private readonly url: URL;

  constructor(
    endpoint: string,
    private readonly region: string,
  ) {
    this.url = new URL(endpoint);
    if (this.url.protocol !== 'http:') throw new Error(`upstream must be an http:// URL, got ${endpoint}`);
  }

  /** Sends a client's request as-is and returns dynalite's answer as-is. */
  forward(request: WireRequest): Promise<WireResponse> {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    }
    headers['content-length'] = request.body.length;
    return this.send(request.method, request.path, headers, request.body);
  }

  /** Calls one operation; resolves its JSON answer or rejects with the DynamoError it returned. */
  async call(operation: string, input: JsonObject): Promise<JsonObject> {
    const body = Buffer.from(JSON.stringify(input), 'utf8');
    const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const answer = await this.send('POST', '/', {
      'content-type': CONTENT_TYPE,
      'content-length': body.length,
      'x-amz-target': TARGET_PREFIX + operation,
      'x-amz-date': amzDate,
      authorization:
        `AWS4-HMAC-SHA256 Credential=gateway/${amzDate.slice(0, 8)}/${this.region}/dynamodb/aws4_request, ` +
        'SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0',
    }, body);
    if (answer.status !== 200) throw errorFromAnswer(answer.status, answer.body);
    return parseJsonObject(answer.body) ?? {};
  }

  close(): void {
    this.agent.destroy();
  }

  private send(method: string, path: string, headers: http.OutgoingHttpHeaders, body: Buffer): Promise<WireResponse> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        { protocol: this.url.protocol, hostname: this.url.hostname, port: this.url.port, method, path, headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const responseHeaders: WireResponse['headers'] = {};
            for (const [name, value] of Object.entries(res.headers)) {
              if (!HOP_BY_HOP.has(name) && name !== 'content-length') responseHeaders[name] = value;
            }
            resolve({ status: res.statusCode ?? 500, headers: responseHeaders, body: Buffer.concat(chunks) });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
