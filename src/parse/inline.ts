// markdown-it's inline tokens → typed text runs (types.ts `Inline`). No HTML is made here:
// raw HTML is off in the parser, so a memo's markup arrives as text and stays text.
import type { Token } from 'markdown-it';
import type { Inline } from '../model/types.ts';

type Container = Extract<Inline, { children: Inline[] }>;

const WRAPPERS: Record<string, 'emph' | 'strong' | 'strike'> = { em_open: 'emph', strong_open: 'strong', s_open: 'strike' };

/** Inline tokens (an `inline` token's children) → Inline[]; unbalanced markers are tolerated. */
export function toInlines(tokens: readonly Token[]): Inline[] {
  const root: Inline[] = [];
  const stack: Array<{ node: Container | null; children: Inline[]; close: string }> = [{ node: null, children: root, close: '' }];
  const top = () => stack.at(-1)!;
  const push = (inline: Inline) => {
    const children = top().children;
    const last = children.at(-1);
    // Neighbouring text runs are one run.
    if (inline.type === 'text' && last?.type === 'text') children[children.length - 1] = { type: 'text', text: last.text + inline.text };
    else children.push(inline);
  };
  for (const token of tokens) {
    const wrapper = WRAPPERS[token.type];
    if (wrapper) {
      const node: Container = { type: wrapper, children: [] };
      push(node);
      stack.push({ node, children: node.children, close: token.type.replace('_open', '_close') });
      continue;
    }
    if (token.type === 'link_open') {
      const node: Container = { type: 'link', href: String(token.attrGet('href') ?? ''), children: [] };
      push(node);
      stack.push({ node, children: node.children, close: 'link_close' });
      continue;
    }
    if (token.type.endsWith('_close')) {
      if (stack.length > 1 && top().close === token.type) stack.pop();
      continue;
    }
    switch (token.type) {
      case 'text':
      case 'text_special':
        // A vertical tab (PowerPoint's soft line break, in text pasted from a slide) is a line break.
        token.content.split('\v').forEach((text, k) => {
          if (k > 0) push({ type: 'linebreak' });
          if (text) push({ type: 'text', text });
        });
        break;
      case 'code_inline':
        token.content.split('\v').forEach((text, k) => {
          if (k > 0) push({ type: 'linebreak' });
          push({ type: 'code', text });
        });
        break;
      case 'softbreak':
        push({ type: 'softbreak' });
        break;
      case 'hardbreak':
        push({ type: 'linebreak' });
        break;
      case 'image':
        push({ type: 'image', src: String(token.attrGet('src') ?? ''), alt: inlineTokensText(token.children ?? []) });
        break;
      case 'footnote_ref': {
        const { id, label } = token.meta as { id: number; label?: string };
        push({ type: 'note', index: id, label: String(label ?? id + 1) });
        break;
      }
      default:
        if (token.content) push({ type: 'text', text: token.content });
    }
  }
  return root;
}

function inlineTokensText(tokens: readonly Token[]): string {
  return tokens.map((t) => (t.children ? inlineTokensText(t.children) : t.type === 'softbreak' ? ' ' : t.content)).join('');
}
