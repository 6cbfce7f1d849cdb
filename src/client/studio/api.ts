// Requests to the studio's server: same origin, its cookie; an error is the server's sentence.

export class StudioError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
  }
}

export async function request<T>(method: string, url: string, body?: unknown, raw?: Blob | ArrayBuffer | string): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  } else if (raw !== undefined) {
    init.body = raw;
    (init.headers as Record<string, string>)['Content-Type'] = 'application/octet-stream';
  }
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new StudioError(0, 'the studio does not answer: is "briefdeck studio" still running?', {});
  }
  const text = await response.text();
  let value: Record<string, unknown> = {};
  try {
    value = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    value = { error: text };
  }
  if (!response.ok && response.status !== 409 && response.status !== 422) throw new StudioError(response.status, String(value.error ?? response.statusText), value);
  if (response.status === 409) throw new StudioError(409, String(value.error ?? 'conflict'), value);
  return value as T;
}

/** An element of the page by id (the page is the server's: a missing one is a bug). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`briefdeck studio: no #${id} on this page`);
  return element as T;
}

/** An element with text (never HTML: a memo's words are text). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, attributes: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (text !== undefined) element.textContent = text;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}
