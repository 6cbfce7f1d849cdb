// Who may talk to the studio: a page of its own origin, with its token. The studio writes files
// and runs the compiler, so on a shared laptop no other site (and no other user's browser tab
// without the token) may drive it:
// - it listens on 127.0.0.1 only;
// - the Host header must name that address and port (or localhost:port): a DNS-rebinding page,
//   whose host name resolves to 127.0.0.1, sends its own name and is refused;
// - an Origin header, when sent, must be the studio's own: another site's fetch or form is refused;
// - every request carries the random token: in the URL the first time (the address printed or
//   opened), then in a cookie (HttpOnly, SameSite=Strict: never sent with another site's request);
// - no CORS header is ever sent, so no other origin may read an answer.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const COOKIE = 'briefdeck_studio';

export interface Refusal {
  status: number;
  message: string;
}

/** A new token: 32 random bytes, as URL-safe text. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function sameToken(given: string | undefined | null, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The cookie named `name` of a request, if it has one. */
export function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** The hosts the studio answers to on `port`. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/**
 * Why a request is refused, or undefined when it may go on. `fromUrl` tells whether the token came
 * in the URL (the first visit: the caller then sets the cookie).
 */
export function refusal(req: IncomingMessage, port: number, token: string): Refusal | undefined {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts(port).includes(host)) return { status: 403, message: `this studio answers only at 127.0.0.1:${port} (the request named the host "${host || 'none'}")` };
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return { status: 403, message: `requests from another site (${origin}) are refused` };
  // A browser says where a request comes from even when it sends no Origin (a GET, an <img>).
  if (req.headers['sec-fetch-site'] === 'cross-site' || req.headers['sec-fetch-site'] === 'same-site') return { status: 403, message: 'requests from another site are refused' };
  const inUrl = new URL(req.url ?? '/', 'http://studio').searchParams.get('token');
  if (sameToken(inUrl, token) || sameToken(cookie(req, COOKIE), token)) return undefined;
  return { status: 403, message: 'this page needs the studio\'s token: open the address briefdeck studio printed (it ends with ?token=…)' };
}

/** Whether the request's URL carries the right token (the first visit). */
export function tokenInUrl(req: IncomingMessage, token: string): boolean {
  return sameToken(new URL(req.url ?? '/', 'http://studio').searchParams.get('token'), token);
}

/** The cookie that carries the token after the first visit. */
export function tokenCookie(token: string): string {
  return `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
