// The studio's HTTP manners: its headers (nothing cached, nothing sniffed, no referrer), its pages'
// Content-Security-Policy, answers as JSON or a short page, and request bodies read up to a limit.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { UPLOAD_LIMIT } from '../client/studio/wire.ts';
import type { Refusal } from './guard.ts';
import { messagePage } from './pages.ts';

/** Uploads (a document to import): UPLOAD_LIMIT, 50 MB, which the page knows too. JSON (a memo, a setting): 2 MB. */
export { UPLOAD_LIMIT };
export const JSON_LIMIT = 2 * 1024 * 1024;

/** An HTTP error with a message the page shows as it is. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** On every answer: nothing cached, nothing sniffed, no referrer. */
export const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

/** The studio's own pages: scripts and styles from itself only; its frames its own. */
export const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

export function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** A refusal: JSON for the API, a short page otherwise. */
export function refuse(req: IncomingMessage, res: ServerResponse, { status, message }: Refusal): void {
  if ((req.url ?? '').startsWith('/api/')) sendJson(res, status, { error: message });
  else send(res, status, 'text/html; charset=utf-8', messagePage('Not allowed', message), { 'Content-Security-Policy': PAGE_CSP });
}

/** The request's body, refused past `limit` bytes (413) before more is read. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) return Promise.reject(new HttpError(413, `too large: ${(declared / 1024 / 1024).toFixed(1)} MB, over the limit of ${limit / 1024 / 1024} MB`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(413, `too large: over the limit of ${limit / 1024 / 1024} MB`));
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'send JSON (Content-Type: application/json)');
  const body = await readBody(req, JSON_LIMIT);
  try {
    const value = JSON.parse(body.toString('utf8')) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'the request is not a JSON object');
  }
}

export const TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.html': 'text/html; charset=utf-8',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.md': 'text/plain; charset=utf-8',
  '.yaml': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};
