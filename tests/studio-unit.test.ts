// The studio's pure parts: who may talk to it (guard.ts), the names of new decks, and the
// structure markers read and rewritten in words (the editor's labels and role menu).
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { describeHeading, headingIds, readHeading, withRole } from '../src/client/studio/structure.ts';
import { refusal, tokenCookie } from '../src/studio/guard.ts';
import { deckNameFor } from '../src/studio/import.ts';
import { memoTitle } from '../src/studio/pages.ts';

const req = (url: string, headers: Record<string, string>) => ({ url, headers }) as unknown as IncomingMessage;
const TOKEN = 'a'.repeat(43);

describe('the studio guard', () => {
  it('lets its own page through, with the token in the address or the cookie', () => {
    expect(refusal(req(`/?token=${TOKEN}`, { host: '127.0.0.1:4000' }), 4000, TOKEN)).toBeUndefined();
    expect(refusal(req('/api/decks', { host: 'localhost:4000', cookie: `x=1; briefdeck_studio=${TOKEN}` }), 4000, TOKEN)).toBeUndefined();
    expect(refusal(req('/api/decks', { host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4000', cookie: `briefdeck_studio=${TOKEN}` }), 4000, TOKEN)).toBeUndefined();
  });

  it('refuses another host, another origin, a cross-site request and a missing or wrong token', () => {
    const cookie = `briefdeck_studio=${TOKEN}`;
    expect(refusal(req('/', { host: 'rebind.example:4000', cookie }), 4000, TOKEN)?.status).toBe(403);
    expect(refusal(req('/', { host: '127.0.0.1:4001', cookie }), 4000, TOKEN)?.status).toBe(403);
    expect(refusal(req('/', { cookie }), 4000, TOKEN)?.status).toBe(403);
    expect(refusal(req('/', { host: '127.0.0.1:4000', origin: 'http://localhost:4000', cookie }), 4000, TOKEN)?.status).toBe(403);
    expect(refusal(req('/', { host: '127.0.0.1:4000', origin: 'null', cookie }), 4000, TOKEN)?.status).toBe(403);
    expect(refusal(req('/', { host: '127.0.0.1:4000', 'sec-fetch-site': 'cross-site', cookie }), 4000, TOKEN)?.status).toBe(403);
    expect(refusal(req('/', { host: '127.0.0.1:4000' }), 4000, TOKEN)?.message).toContain('token');
    expect(refusal(req('/', { host: '127.0.0.1:4000', cookie: `briefdeck_studio=${'b'.repeat(43)}` }), 4000, TOKEN)?.status).toBe(403);
    expect(refusal(req(`/?token=${TOKEN.slice(1)}`, { host: '127.0.0.1:4000' }), 4000, TOKEN)?.status).toBe(403);
  });

  it('keeps the token in a cookie no script and no other site sees', () => {
    expect(tokenCookie(TOKEN)).toBe(`briefdeck_studio=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`);
  });
});

describe('new decks and the list of decks', () => {
  it('names a deck after its document, as a plain folder name', () => {
    expect(deckNameFor('policy-memo.docx')).toBe('policy-memo');
    expect(deckNameFor('C:\\Users\\me\\メモ 2026.pdf')).toBe('メモ 2026');
    expect(deckNameFor('../../etc/passwd')).toBe('passwd');
    expect(deckNameFor('.hidden.md')).toBe('hidden');
    expect(deckNameFor('a:b*c?.txt')).toBe('a-b-c-');
  });

  it('reads the title of a memo from its front matter', () => {
    expect(memoTitle('---\ntitle: "A title # not a comment"\n---\n')).toBe('A title # not a comment');
    expect(memoTitle('---\nseries: x\ntitle: 日米同盟 # a comment\n---\n')).toBe('日米同盟');
    expect(memoTitle('## no front matter\ntitle: x')).toBeUndefined();
  });
});

describe('structure markers in words', () => {
  it('reads a heading\'s marker: its role, id and the approaches it serves', () => {
    const h = readHeading('### イニシアチブ１：アクセス制限 {.initiative serves=approach-1,approach-2}')!;
    expect(h).toMatchObject({ level: 3, title: 'イニシアチブ１：アクセス制限', role: 'initiative', serves: ['approach-1', 'approach-2'] });
    expect(describeHeading(h)).toBe('Initiative · serves approach-1, approach-2');
    expect(describeHeading(readHeading('### アクセス制限 {#approach-1 .approach}')!)).toBe('Approach · id approach-1');
    expect(readHeading('## Set {a, b}')).toMatchObject({ title: 'Set {a, b}', role: '' });
    expect(readHeading('## Set {a, b}')!.marker).toBeUndefined();
    expect(readHeading('#### too deep')).toBeUndefined();
    expect(readHeading('text')).toBeUndefined();
  });

  it('rewrites the role and keeps the rest of the marker', () => {
    expect(withRole('## 評価', 'assessment', new Set())).toBe('## 評価 {.assessment}');
    expect(withRole('## 評価 {.assessment}', '', new Set())).toBe('## 評価');
    expect(withRole('### A {.initiative serves=approach-1}', 'approach', new Set(['approach-1']))).toBe('### A {#approach-2 .approach}');
    expect(withRole('### A {#approach-1 .approach}', 'initiative', new Set(['approach-1']))).toBe('### A {.initiative #approach-1}');
    expect([...headingIds('### a {#approach-1 .approach}\n### b {.initiative serves=approach-1}\n')]).toEqual(['approach-1']);
  });
});
