// The editor's view of the memo's structure: a heading's marker shown as a label in words (the
// raw marker comes back on the line the cursor is on, to edit it as text), and a menu that sets
// the role of the heading the cursor is on.
import { RangeSetBuilder } from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, ViewPlugin, type ViewUpdate, WidgetType } from '@codemirror/view';
import { describeHeading, headingIds, readHeading, ROLES, withRole } from './structure.ts';

class LabelWidget extends WidgetType {
  constructor(readonly text: string) {
    super();
  }
  override eq(other: LabelWidget): boolean {
    return other.text === this.text;
  }
  toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'bd-role-label';
    span.textContent = this.text;
    return span;
  }
}

function labels(view: EditorView): DecorationSet {
  const builder = new RangeSetBuilder<Decoration>();
  const cursorLine = view.state.doc.lineAt(view.state.selection.main.head).number;
  for (const { from, to } of view.visibleRanges) {
    for (let pos = from; pos <= to; ) {
      const line = view.state.doc.lineAt(pos);
      const heading = line.number !== cursorLine && line.text.startsWith('##') ? readHeading(line.text) : undefined;
      if (heading?.marker) builder.add(line.from + heading.marker.from, line.from + heading.marker.to, Decoration.replace({ widget: new LabelWidget(describeHeading(heading)) }));
      pos = line.to + 1;
    }
  }
  return builder.finish();
}

export const structureLabels = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = labels(view);
    }
    update(update: ViewUpdate) {
      if (update.docChanged || update.viewportChanged || update.selectionSet) this.decorations = labels(update.view);
    }
  },
  { decorations: (v) => v.decorations },
);

/** The role menu: follows the cursor; choosing a role rewrites the heading's marker. */
export function roleMenu(select: HTMLSelectElement, hint: HTMLElement): { follow(view: EditorView): void; attach(view: EditorView): void } {
  let at: { line: number; level: number } | undefined;
  const follow = (view: EditorView) => {
    const line = view.state.doc.lineAt(view.state.selection.main.head);
    const heading = readHeading(line.text);
    if (!heading || (heading.level !== 2 && heading.level !== 3)) {
      at = undefined;
      select.disabled = true;
      select.replaceChildren(new Option('(put the cursor on a ## or ### heading)', ''));
      hint.textContent = '';
      return;
    }
    const level = heading.level;
    if (at?.line !== line.number || at.level !== level || select.disabled) {
      select.replaceChildren(...ROLES.filter((r) => r.level === level).map((r) => new Option(r.label, r.role)));
    }
    at = { line: line.number, level };
    select.disabled = false;
    select.value = heading.role;
    hint.textContent = `"${heading.title.trim().slice(0, 40)}"`;
  };
  return {
    follow,
    attach(view) {
      select.addEventListener('change', () => {
        if (!at) return;
        const line = view.state.doc.line(at.line);
        const next = withRole(line.text, select.value, headingIds(view.state.doc.toString()));
        if (next !== line.text) view.dispatch({ changes: { from: line.from, to: line.to, insert: next } });
      });
    },
  };
}
