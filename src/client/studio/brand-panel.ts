// The deck's look without YAML: theme, accent, footer, the talk's length, diagram labels and the logo, written into
// deck.yaml by the server (comments and key order kept, validated as the commands validate it).
// The preview follows: the dev server watches deck.yaml.
import { byId, el, request, StudioError } from './api.ts';

interface ThemeChoice {
  name: string;
  dark: boolean;
  background: string;
  text: string;
  accent: string;
}

interface BrandSettings {
  theme?: string;
  logo?: string;
  footer?: string;
  accent?: string;
  duration?: number;
  /** Short diagram labels, by the opening words of what they label. */
  labels?: Record<string, string>;
  organisation: { theme?: string; logo?: string; footer?: string; accent?: string; duration?: number };
}

interface BrandAnswer {
  settings?: BrandSettings;
  themes?: ThemeChoice[];
  error?: string;
  problems?: Array<{ file: string; line: number; message: string; hint?: string }>;
}

export function startBrandPanel(api: string): void {
  const form = byId<HTMLFormElement>('brand-form');
  const themesBox = byId('themes');
  const accent = byId<HTMLInputElement>('accent');
  const accentText = byId<HTMLInputElement>('accent-text');
  const footer = byId<HTMLInputElement>('footer');
  const duration = byId<HTMLInputElement>('duration');
  const logo = byId<HTMLInputElement>('logo');
  const logoName = byId('logo-name');
  const logoRemove = byId<HTMLButtonElement>('logo-remove');
  const status = byId('brand-status');
  const problems = byId('brand-problems');
  let themes: ThemeChoice[] = [];
  let accentTouched = false;
  const labelRows = byId('labels');
  /** The labels deck.yaml holds, by opening words: a row renamed or removed takes its own out. */
  let labelsBefore: Record<string, string> = {};
  const labelRow = (opening = '', label = '') => {
    const row = el('tr');
    const words = el('input', undefined, { type: 'text', class: 'opening', 'aria-label': 'Opening words of the heading or item' });
    words.value = opening;
    const short = el('input', undefined, { type: 'text', class: 'label', 'aria-label': 'Its short label' });
    short.value = label;
    const remove = el('button', 'Remove', { type: 'button' });
    remove.addEventListener('click', () => {
      row.remove();
      byId('label-add').focus();
    });
    const cell = (child: HTMLElement) => {
      const td = el('td');
      td.append(child);
      return td;
    };
    row.append(cell(words), cell(short), cell(remove));
    return row;
  };
  /** The labels as the form has them: set, changed, or removed (null). */
  const labelChange = (): Record<string, string | null> => {
    const now = new Map<string, string>();
    for (const row of labelRows.querySelectorAll('tr')) {
      const opening = row.querySelector<HTMLInputElement>('input.opening')!.value.trim();
      const label = row.querySelector<HTMLInputElement>('input.label')!.value.trim();
      if (opening && label) now.set(opening, label);
    }
    const change: Record<string, string | null> = {};
    for (const opening of Object.keys(labelsBefore)) if (!now.has(opening)) change[opening] = null;
    for (const [opening, label] of now) if (labelsBefore[opening] !== label) change[opening] = label;
    return change;
  };
  byId('label-add').addEventListener('click', () => {
    const row = labelRow();
    labelRows.append(row);
    row.querySelector('input')!.focus();
  });

  const show = (answer: BrandAnswer) => {
    if (!answer.settings) return;
    const settings = answer.settings;
    themes = answer.themes ?? themes;
    const current = settings.theme ?? settings.organisation.theme ?? 'light';
    themesBox.replaceChildren(
      ...themes.map((theme) => {
        const label = el('label');
        const radio = el('input', undefined, { type: 'radio', name: 'theme', value: theme.name });
        radio.checked = theme.name === current;
        const swatch = el('span', undefined, { class: 'swatch', 'aria-hidden': 'true' });
        swatch.style.background = `linear-gradient(90deg, ${theme.background} 60%, ${theme.accent} 60%)`;
        label.append(radio, swatch, theme.dark ? `${theme.name} (dark)` : theme.name);
        return label;
      }),
    );
    const themeAccent = themes.find((t) => t.name === current)?.accent ?? '#000000';
    accent.value = settings.accent ?? settings.organisation.accent ?? themeAccent;
    accentText.value = settings.accent ?? '';
    accentTouched = false;
    footer.value = settings.footer ?? '';
    footer.placeholder = settings.organisation.footer ?? '';
    duration.value = settings.duration === undefined ? '' : String(settings.duration);
    logoName.textContent = settings.logo ? `now: ${settings.logo}` : settings.organisation.logo ? `the organisation's: ${settings.organisation.logo}` : 'none';
    logoRemove.hidden = !settings.logo;
    labelsBefore = { ...(settings.labels ?? {}) };
    labelRows.replaceChildren(...Object.entries(labelsBefore).map(([opening, label]) => labelRow(opening, label)));
  };

  const answered = (answer: BrandAnswer, done: string) => {
    problems.replaceChildren();
    if (answer.error) {
      status.textContent = 'Not written: deck.yaml is as it was.';
      const list = answer.problems?.length ? answer.problems.map((p) => `${p.file} line ${p.line}: ${p.message}${p.hint ? ` — ${p.hint}` : ''}`) : [answer.error];
      problems.append(...list.map((text) => el('li', text)));
      return;
    }
    show(answer);
    status.textContent = done;
  };
  const send = async (method: string, url: string, body: unknown, done: string, raw?: ArrayBuffer) => {
    status.textContent = 'Writing deck.yaml…';
    try {
      answered(await request<BrandAnswer>(method, url, raw ? undefined : body, raw), done);
    } catch (error) {
      answered({ error: error instanceof Error ? error.message : String(error), problems: error instanceof StudioError ? (error.body.problems as BrandAnswer['problems']) : [] }, done);
    }
  };

  accent.addEventListener('input', () => {
    accentText.value = accent.value;
    accentTouched = true;
  });
  accentText.addEventListener('input', () => {
    accentTouched = true;
    if (/^#[0-9a-f]{6}$/i.test(accentText.value.trim())) accent.value = accentText.value.trim().toLowerCase();
  });
  byId('accent-reset').addEventListener('click', () => {
    accentText.value = '';
    accentTouched = true;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const theme = form.querySelector<HTMLInputElement>('input[name=theme]:checked')?.value;
    const change: Record<string, unknown> = {
      ...(theme ? { theme } : {}),
      footer: footer.value.trim() || null,
      duration: duration.value.trim() === '' ? null : Number(duration.value),
      ...(accentTouched ? { accent: accentText.value.trim() || null } : {}),
      labels: labelChange(),
    };
    void send('PUT', `${api}/brand`, change, 'Written to deck.yaml.');
  });
  logo.addEventListener('change', () => {
    const file = logo.files?.[0];
    if (!file) return;
    void file.arrayBuffer().then((bytes) => send('POST', `${api}/logo?name=${encodeURIComponent(file.name)}`, undefined, `Logo ${file.name} put beside deck.yaml.`, bytes));
  });
  logoRemove.addEventListener('click', () => void send('PUT', `${api}/brand`, { logo: null }, 'Logo taken out of deck.yaml (its file stays).'));
  void request<BrandAnswer>('GET', `${api}/brand`).then(show, (error: unknown) => {
    status.textContent = `deck.yaml cannot be read: ${error instanceof Error ? error.message : String(error)}`;
  });
}
