// The studio on a shared laptop: only its own page, with its token, at its own address, may drive
// it; no file outside its folder can be read through it; oversize bodies are refused unread; and
// nothing is written by a refused request. Ctrl-C ends it (its Chromium too) with exit 0.
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot, tempDir } from './helpers.ts';
import { raw, type RunningStudio, startStudioCli, waterFolder } from './studio-run.ts';

let studio: RunningStudio;
let folder: string;
let memoFile: string;
let cookie: string;
let secret: string;

beforeAll(async () => {
  folder = waterFolder();
  memoFile = path.join(folder, 'slides/water/memo.md');
  // A file beside the folder, and a link inside the folder that leads to it.
  const outside = tempDir();
  secret = path.join(outside, 'secret.txt');
  writeFileSync(secret, 'not for the studio');
  symlinkSync(secret, path.join(folder, 'slides/water/leak.txt'));
  studio = await startStudioCli(folder);
  cookie = `briefdeck_studio=${studio.token}`;
});

afterAll(async () => {
  await studio?.stop();
});

const own = () => ({ host: `127.0.0.1:${studio.port}`, cookie });

describe('the studio server', () => {
  it('prints one line: its address on 127.0.0.1 with a random token', () => {
    expect(studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{40,}$/);
  });

  it('turns the token of the first visit into a cookie (HttpOnly, SameSite=Strict) and takes it out of the address', async () => {
    const first = await raw(studio.port, { path: `/?token=${studio.token}`, headers: { host: `127.0.0.1:${studio.port}` } });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(first.headers['set-cookie']?.[0]).toBe(`briefdeck_studio=${studio.token}; HttpOnly; SameSite=Strict; Path=/`);
    const home = await raw(studio.port, { path: '/', headers: own() });
    expect(home.status).toBe(200);
    expect(home.body).toContain('New deck from a document');
  });

  it('refuses a request without the token, or with another one', async () => {
    const noToken: Array<Record<string, string>> = [{ host: `127.0.0.1:${studio.port}` }, { host: `127.0.0.1:${studio.port}`, cookie: "briefdeck_studio=guess" }];
    for (const headers of noToken) {
      const res = await raw(studio.port, { path: '/api/decks', headers });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).error).toContain('token');
    }
    expect((await raw(studio.port, { path: '/?token=guess', headers: { host: `127.0.0.1:${studio.port}` } })).status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding), even with the token', async () => {
    const res = await raw(studio.port, { path: '/api/decks', headers: { host: `attacker.example:${studio.port}`, cookie } });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error).toContain('attacker.example');
    expect((await raw(studio.port, { path: `/?token=${studio.token}`, headers: { host: 'attacker.example' } })).status).toBe(403);
  });

  it('refuses another Origin and writes nothing; sends no CORS header', async () => {
    const before = snapshot(folder);
    const put = await raw(studio.port, {
      method: 'PUT',
      path: '/api/deck/water/memo',
      headers: { ...own(), origin: 'https://attacker.example', 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'overwritten', base: 'x' }),
    });
    expect(put.status).toBe(403);
    const preflight = await raw(studio.port, { method: 'OPTIONS', path: '/api/deck/water/memo', headers: { ...own(), origin: 'https://attacker.example', 'access-control-request-method': 'PUT' } });
    expect(preflight.status).toBe(403);
    const cross = await raw(studio.port, { path: '/api/decks', headers: { ...own(), 'sec-fetch-site': 'cross-site' } });
    expect(cross.status).toBe(403);
    for (const res of [put, preflight, cross, await raw(studio.port, { path: '/api/decks', headers: own() })]) {
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
    expect(snapshot(folder)).toEqual(before);
  });

  it('reads files inside its folder only: no "..", no absolute path, no link leading out', async () => {
    const inside = await raw(studio.port, { path: '/files/slides/water/memo.md', headers: own() });
    expect(inside.status).toBe(200);
    expect(inside.body).toBe(readFileSync(memoFile, 'utf8'));
    for (const p of ['/files/../../../../etc/passwd', '/files/slides/../../etc/passwd', '/files/%2e%2e/%2e%2e/etc/passwd', '/files/..%2f..%2fetc%2fpasswd']) {
      const res = await raw(studio.port, { path: p, headers: own() });
      expect(res.status, p).toBe(400);
      expect(res.body).not.toContain('root:');
    }
    for (const p of ['/files//etc/passwd', `/files/${encodeURIComponent(secret)}`, '/files/slides/water/leak.txt']) {
      const res = await raw(studio.port, { path: p, headers: own() });
      expect(res.status, p).toBe(403);
      expect(res.body).not.toContain('not for the studio');
      expect(res.body).not.toContain('root:');
    }
  });

  it('refuses an oversize upload or JSON body (413) and writes nothing', async () => {
    const before = snapshot(folder);
    const upload = await raw(studio.port, {
      method: 'POST',
      path: '/api/import?file=huge.txt&name=huge',
      headers: { ...own(), 'content-type': 'application/octet-stream', 'content-length': String(60 * 1024 * 1024) },
      body: 'a',
    });
    expect(upload.status).toBe(413);
    expect(JSON.parse(upload.body).error).toContain('50 MB');
    const json = await raw(studio.port, {
      method: 'PUT',
      path: '/api/deck/water/memo',
      headers: { ...own(), 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(3 * 1024 * 1024), base: 'x' }),
    });
    expect(json.status).toBe(413);
    expect(snapshot(folder)).toEqual(before);
  });

  it('makes no deck outside slides/: a name with a slash or dots is refused', async () => {
    const before = snapshot(folder);
    for (const name of ['../escape', '..', '/tmp/x', '.hidden', 'a/b']) {
      const res = await raw(studio.port, {
        method: 'POST',
        path: `/api/import?file=memo.md&name=${encodeURIComponent(name)}`,
        headers: { ...own(), 'content-type': 'application/octet-stream' },
        body: '# Title\n\n## Part\n\nA sentence.\n',
      });
      expect(res.status, name).toBeGreaterThanOrEqual(400);
      expect(res.status, name).toBeLessThan(500);
    }
    expect(snapshot(folder)).toEqual(before);
  });

  it('refuses a save made from a version that is no longer on disk (409), and writes nothing', async () => {
    const before = readFileSync(memoFile, 'utf8');
    const res = await raw(studio.port, {
      method: 'PUT',
      path: '/api/deck/water/memo',
      headers: { ...own(), 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'mine', base: '0000000000000000' }),
    });
    expect(res.status).toBe(409);
    expect(JSON.parse(res.body).text).toBe(before);
    expect(readFileSync(memoFile, 'utf8')).toBe(before);
  });

  it('lets only its own page open the websocket of a preview', async () => {
    expect((await raw(studio.port, { path: '/deck/water', headers: own() })).status).toBe(200);
    expect((await raw(studio.port, { path: '/preview/d1/', headers: own() })).status).toBe(200);
    const upgrade = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request({
          host: '127.0.0.1',
          port: studio.port,
          path: '/preview/d1/',
          headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', 'sec-websocket-protocol': 'vite-hmr', ...headers },
        });
        req.on('upgrade', (res, socket) => {
          socket.destroy();
          resolve(res.statusCode ?? 0);
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await upgrade({ host: `127.0.0.1:${studio.port}` })).toBe(403);
    expect(await upgrade({ ...own(), origin: 'https://attacker.example' })).toBe(403);
    expect(await upgrade({ host: `attacker.example:${studio.port}`, cookie })).toBe(403);
    expect(await upgrade(own())).toBe(101);
  });

  it('serves through the preview only what the deck page loads: no file of the machine, none of the folder', async () => {
    for (const p of ['/preview/d1/@fs/etc/passwd', `/preview/d1/@fs${secret}`, `/preview/d1/@fs${path.join(folder, 'slides/water/memo.md')}`, `/preview/d1/@fs${path.join(folder, 'slides/water/leak.txt')}`]) {
      const res = await raw(studio.port, { path: p, headers: own() });
      expect(res.status, p).toBeGreaterThanOrEqual(400);
      expect(res.body).not.toContain('root:');
      expect(res.body).not.toContain('not for the studio');
    }
  });

  it('answers a document it cannot import with the reason, and writes nothing', async () => {
    const before = snapshot(folder);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5c4bd5b0000000049454e44ae426082', 'hex');
    const res = await raw(studio.port, { method: 'POST', path: '/api/import?file=chart.png&name=chart', headers: { ...own(), 'content-type': 'application/octet-stream' }, body: png });
    expect(res.status).toBe(422);
    const result = JSON.parse(res.body) as { written: boolean; problems: Array<{ severity: string; message: string }> };
    expect(result.written).toBe(false);
    expect(result.problems[0]!.severity).toBe('error');
    expect(result.problems[0]!.message).toMatch(/^chart\.png: /);
    expect(snapshot(folder)).toEqual(before);
  });

  it('ends on Ctrl-C with exit code 0', async () => {
    expect(await studio.stop()).toBe(0);
  });
});
