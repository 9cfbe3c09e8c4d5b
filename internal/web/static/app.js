/* 营商环境直通车 (zhitong) — progressive enhancement for server-rendered pages.
   Every page works without this file; each feature below is optional and guarded,
   so a missing element or an old browser never breaks the rest. Plain ES2017, no dependencies.
   CSP is script-src 'self': no inline scripts or styles are created here. */
(function () {
  'use strict';

  document.documentElement.classList.add('js'); // first thing: CSS switches the small-screen menu to off-canvas
  // The menu slides only once the page stands: switching to off-canvas must
  // not itself slide the menu away over a page someone is already touching.
  requestAnimationFrame(() => requestAnimationFrame(() => document.documentElement.classList.add('js-ready')));

  /* ---------- helpers ---------- */
  const doc = document;
  // Selectors come from data attributes; a bad one must not throw.
  const $ = (sel, ctx) => { try { return sel ? (ctx || doc).querySelector(sel) : null; } catch (e) { return null; } };
  const $$ = (sel, ctx) => { try { return Array.from((ctx || doc).querySelectorAll(sel)); } catch (e) { return []; } };
  const closest = (t, sel) => (t && t.closest ? t.closest(sel) : null);
  const fire = (el, type) => el.dispatchEvent(new Event(type, { bubbles: true }));
  const pad = n => String(n).padStart(2, '0');
  const hhmmss = d => pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  const parseJSON = (s, dflt) => { try { return s ? JSON.parse(s) : dflt; } catch (e) { return dflt; } };
  const newAbort = () => (typeof AbortController === 'function' ? new AbortController() : null);
  const isAbort = e => e && e.name === 'AbortError';

  async function getJSON(url, signal, extra) {
    const r = await fetch(url, Object.assign({
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      signal: signal || undefined
    }, extra));
    if (!r.ok) throw new Error('HTTP ' + r.status);
    return r.json();
  }

  function debounce(fn, ms) {
    let t = 0;
    const d = () => { clearTimeout(t); t = setTimeout(() => { t = 0; fn(); }, ms); };
    d.cancel = () => { clearTimeout(t); t = 0; };
    d.flush = () => { if (t) { d.cancel(); fn(); } };
    return d;
  }

  // Text fields where single-key shortcuts must not fire.
  const TEXTLESS = /^(checkbox|radio|button|submit|reset|image|range|color|file|hidden)$/;
  const isTyping = el => !!el && (el.isContentEditable ||
    el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' ||
    (el.tagName === 'INPUT' && !TEXTLESS.test(el.type)));
  const isVisible = el => el.getClientRects().length > 0;

  // The button implicit submission would use; also what Ctrl+Enter presses.
  const defaultButton = form => Array.from(form.elements).find(el => el.type === 'submit' || el.type === 'image') || null;

  /* ---------- localStorage (may be missing or full: then autosave is simply off) ---------- */
  const store = (() => {
    try { const s = window.localStorage, k = 'zt.probe'; s.setItem(k, k); s.removeItem(k); return s; } catch (e) { return null; }
  })();
  const DRAFT = 'zt.draft.';
  const DRAFT_TTL = 7 * 24 * 3600 * 1000;
  const removeDraft = key => { try { if (store && key) store.removeItem(DRAFT + key); } catch (e) { /* ignore */ } };
  function readDraft(key) {
    if (!store) return null;
    let d = null;
    try { d = JSON.parse(store.getItem(DRAFT + key) || 'null'); } catch (e) { d = null; }
    if (!d || typeof d !== 'object' || !d.fields || !(Date.now() - d.saved < DRAFT_TTL)) { removeDraft(key); return null; }
    return d;
  }

  /* ---------- 2. autosave drafts ---------- */
  const NEVER_SAVE_TYPE = /^(password|file|submit|button|reset|image)$/;
  const NEVER_SAVE_NAME = /password|csrf|captcha/i; // secrets and one-time values have no place in a draft
  const drafts = new Map(); // form -> controller

  function draftFields(form) {
    const skip = new Set((form.getAttribute('data-autosave-skip') || '').split(',').map(s => s.trim()).filter(Boolean));
    return Array.from(form.elements).filter(el =>
      el.name && 'value' in el && !skip.has(el.name) &&
      !NEVER_SAVE_TYPE.test(el.type) && !/^(fieldset|output)$/.test(el.type) &&
      !NEVER_SAVE_NAME.test(el.name));
  }

  function collect(form) {
    const out = {};
    draftFields(form).forEach(el => {
      const n = el.name;
      if (el.type === 'checkbox') {
        if (!Array.isArray(out[n])) out[n] = [];
        if (el.checked) out[n].push(el.value);
      } else if (el.type === 'radio') {
        if (!(n in out)) out[n] = '';
        if (el.checked) out[n] = el.value;
      } else if (el.type === 'select-multiple') {
        out[n] = Array.from(el.options).filter(o => o.selected).map(o => o.value);
      } else if (n in out) {
        out[n] = [].concat(out[n], el.value); // repeated names (e.g. several contacts) keep their order
      } else {
        out[n] = el.value;
      }
    });
    return out;
  }

  // Fill only what is empty: values the server rendered (e.g. after a validation error) win.
  function restore(form, saved) {
    const changed = [], seen = {}, groups = {};
    draftFields(form).forEach(el => {
      const n = el.name;
      if (!(n in saved)) return;
      const v = saved[n];
      if (el.type === 'checkbox' || el.type === 'radio') { (groups[n] = groups[n] || []).push(el); return; }
      if (el.type === 'select-multiple') {
        if (!Array.isArray(v) || Array.from(el.options).some(o => o.selected)) return;
        let hit = false;
        Array.from(el.options).forEach(o => { if (v.indexOf(o.value) >= 0) { o.selected = true; hit = true; } });
        if (hit) changed.push(el);
        return;
      }
      const i = seen[n] = (seen[n] || 0) + 1;
      const val = Array.isArray(v) ? v[i - 1] : v;
      if (el.value !== '' || typeof val !== 'string' || val === '') return;
      if (el.tagName === 'SELECT' && !Array.from(el.options).some(o => o.value === val)) return;
      el.value = val;
      changed.push(el);
    });
    Object.keys(groups).forEach(n => {
      const els = groups[n];
      if (els.some(e => e.checked)) return;
      const want = [].concat(saved[n]);
      els.forEach(e => { if (want.indexOf(e.value) >= 0) { e.checked = true; changed.push(e); } });
    });
    // Let dependent widgets (open-appeals hint, selection state) react to restored values.
    changed.forEach(el => fire(el, 'change'));
    return changed.length > 0;
  }

  function initAutosave(form) {
    const key = form.getAttribute('data-autosave');
    if (!key || !store) return;
    const status = $('[data-autosave-status]', form);
    const say = (attr, when) => {
      const tpl = form.getAttribute(attr);
      if (!status || !tpl) return;
      const t = hhmmss(when);
      status.textContent = tpl.indexOf('{time}') >= 0 ? tpl.replace('{time}', t) : tpl + ' ' + t;
    };
    // form.reset() leaves hidden inputs alone, so remember what the server rendered.
    const hiddenAtLoad = Array.from(form.elements).filter(el => el.type === 'hidden').map(el => [el, el.value]);
    let quiet = false;

    const save = () => {
      const now = new Date();
      try {
        store.setItem(DRAFT + key, JSON.stringify({ saved: now.getTime(), fields: collect(form) }));
        say('data-saved-text', now);
      } catch (e) { /* quota or private mode: nothing to do */ }
    };
    const later = debounce(save, 400);
    const ctl = {
      edited() { if (!quiet) later(); },
      flush: later.flush,
      discard() {
        later.cancel();
        removeDraft(key);
        quiet = true;
        form.reset();
        hiddenAtLoad.forEach(([el, v]) => { if (el.value !== v) { el.value = v; fire(el, 'change'); } });
        $$('[aria-invalid="true"]', form).forEach(el => el.removeAttribute('aria-invalid'));
        quiet = false;
        if (status) status.textContent = form.getAttribute('data-discarded-text') || '';
      }
    };
    drafts.set(form, ctl);

    const d = readDraft(key);
    if (d) {
      quiet = true;
      const any = restore(form, d.fields);
      quiet = false;
      if (any) say('data-restored-text', new Date(d.saved));
    }
  }

  // Field events reach the form's controller even for inputs attached with form="…".
  const draftOf = t => (t && t.form ? drafts.get(t.form) : null);
  const onEdit = e => { const c = draftOf(e.target); if (c && e.target.name) c.edited(); };
  doc.addEventListener('input', onEdit);
  doc.addEventListener('change', onEdit);
  const flushDrafts = () => drafts.forEach(c => c.flush());
  window.addEventListener('pagehide', flushDrafts);
  doc.addEventListener('visibilitychange', () => { if (doc.visibilityState === 'hidden') flushDrafts(); });

  doc.addEventListener('click', e => {
    const b = closest(e.target, 'button[data-draft-discard]');
    if (!b || e.defaultPrevented) return; // a cancelled data-confirm stops here
    e.preventDefault();
    const form = b.form || closest(b, 'form');
    const c = form && drafts.get(form);
    if (c) c.discard();
    else removeDraft(b.getAttribute('data-draft-discard') || (form && form.getAttribute('data-autosave')));
  });

  /* ---------- 3. typeahead ---------- */
  let taSeq = 0;
  function initTypeahead(input) {
    const url = input.getAttribute('data-typeahead-url');
    if (!url || !window.fetch) return;
    const form = input.form;
    const find = sel => (form && $(sel, form)) || $(sel);
    const list = doc.createElement('ul');
    list.className = 'typeahead';
    list.id = (input.id || 'ta' + (++taSeq)) + '-listbox';
    list.setAttribute('role', 'listbox');
    list.hidden = true;
    const label = input.labels && input.labels[0];
    if (label) list.setAttribute('aria-label', label.textContent.replace(/\*/g, '').trim());
    input.insertAdjacentElement('afterend', list); // absolute, static top => sits right under the input
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-controls', list.id);
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('autocomplete', 'off');

    let items = [], active = -1, ctrl = null, timer = 0, blurTimer = 0;
    const isOpen = () => !list.hidden;
    const query = () => input.value.trim();
    const long = q => Array.from(q).length >= 2; // count characters, not UTF-16 units

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
    function abort() { clearTimeout(timer); if (ctrl) { ctrl.abort(); ctrl = null; } }

    function render(data) {
      items = data && Array.isArray(data.items) ? data.items : [];
      active = -1;
      input.removeAttribute('aria-activedescendant');
      list.textContent = '';
      items.forEach((it, i) => {
        const li = doc.createElement('li');
        li.id = list.id + '-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        const name = doc.createElement('span');
        name.className = 'ta-name';
        name.textContent = it.name == null ? '' : String(it.name);
        li.appendChild(name);
        if (it.credit_code) {
          const meta = doc.createElement('span');
          meta.className = 'ta-meta';
          meta.textContent = String(it.credit_code);
          li.appendChild(meta);
        }
        li.addEventListener('mousedown', e => e.preventDefault()); // keep focus in the input
        li.addEventListener('click', () => pick(i));
        list.appendChild(li);
      });
      if (!items.length) {
        const msg = input.getAttribute('data-typeahead-empty');
        if (!msg) { close(); return; }
        const li = doc.createElement('li');
        li.className = 'ta-empty';
        li.setAttribute('role', 'option');
        li.setAttribute('aria-disabled', 'true');
        li.setAttribute('aria-selected', 'false');
        li.textContent = msg;
        li.addEventListener('mousedown', e => e.preventDefault());
        list.appendChild(li);
      }
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function highlight(i) {
      active = i;
      Array.from(list.children).forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
      const li = list.children[i];
      if (li) {
        input.setAttribute('aria-activedescendant', li.id);
        li.scrollIntoView({ block: 'nearest' });
      }
    }
    function move(step) {
      const n = items.length;
      if (!n) return;
      highlight(active < 0 ? (step > 0 ? 0 : n - 1) : (active + step + n) % n);
    }

    function pick(i) {
      const it = items[i];
      if (!it) return;
      input.value = it.name == null ? '' : String(it.name);
      close();
      const hid = find(input.getAttribute('data-typeahead-id'));
      if (hid) { hid.value = it.id == null ? '' : String(it.id); fire(hid, 'change'); }
      const fill = parseJSON(input.getAttribute('data-typeahead-fill'), {});
      Object.keys(fill || {}).forEach(k => {
        const el = find(fill[k]);
        if (el && it[k] != null) { el.value = String(it[k]); fire(el, 'change'); }
      });
      fire(input, 'change'); // not 'input': that would unlink the pick again
    }

    async function search(q) {
      abort();
      const my = ctrl = newAbort();
      try {
        const data = await getJSON(url + encodeURIComponent(q), my && my.signal);
        // Ignore late answers: the person typed on or left the field.
        if (my !== ctrl || query() !== q || doc.activeElement !== input) return;
        render(data);
      } catch (e) {
        if (!isAbort(e) && my === ctrl) close();
      }
    }

    input.addEventListener('input', () => {
      // Typing after a pick means "register by name alone": unlink the chosen enterprise.
      const hid = find(input.getAttribute('data-typeahead-id'));
      if (hid && hid.value !== '') { hid.value = ''; fire(hid, 'change'); }
      abort();
      const q = query();
      if (!long(q)) { close(); return; }
      timer = setTimeout(() => search(q), 200);
    });

    input.addEventListener('keydown', e => {
      if (e.isComposing || e.keyCode === 229) return; // IME is still composing Chinese text
      const k = e.key;
      if (k === 'ArrowDown' || k === 'ArrowUp') {
        if (isOpen()) { e.preventDefault(); move(k === 'ArrowDown' ? 1 : -1); }
        else if (k === 'ArrowDown' && long(query())) { e.preventDefault(); search(query()); }
        return;
      }
      if (!isOpen()) return;
      if (k === 'Enter') {
        if (e.ctrlKey || e.metaKey) { close(); return; } // Ctrl+Enter still submits
        e.preventDefault(); // never submit while the list is open
        if (active >= 0) pick(active); else close();
      } else if (k === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        close();
      } else if (k === 'Tab') {
        close();
      }
    });

    input.addEventListener('blur', () => { blurTimer = setTimeout(() => { abort(); close(); }, 150); });
    input.addEventListener('focus', () => clearTimeout(blurTimer));
  }

  /* ---------- 4. open appeals of the chosen enterprise ---------- */
  function initOpenAppeals(hid) {
    const url = hid.getAttribute('data-open-appeals-url');
    const target = $(hid.getAttribute('data-open-appeals-target'));
    if (!url || !target || !window.fetch) return;
    if (!target.hasAttribute('role')) target.setAttribute('role', 'status'); // announce it politely
    let ctrl = null;
    const hide = () => { target.hidden = true; target.textContent = ''; };

    function show(data, items) {
      const labels = parseJSON(target.getAttribute('data-state-labels'), {}) || {};
      const total = data.total != null ? data.total : items.length;
      const box = doc.createElement('div');
      box.className = 'open-appeals';
      const title = doc.createElement('p');
      title.className = 'open-appeals-title';
      title.textContent = (target.getAttribute('data-title-text') || '{n}').replace(/\{n\}/g, String(total));
      const ul = doc.createElement('ul');
      items.forEach(it => {
        const li = doc.createElement('li');
        const a = doc.createElement('a');
        a.href = '/appeals/' + encodeURIComponent(it.id);
        const num = doc.createElement('span');
        num.className = 'mono';
        num.textContent = it.number == null ? '' : String(it.number);
        a.appendChild(num);
        a.appendChild(doc.createTextNode(it.title == null ? '' : String(it.title)));
        li.appendChild(a);
        const state = String(it.state || '');
        if (state) {
          const tag = doc.createElement('span');
          tag.className = 'tag' + (/^[a-z_]+$/.test(state) ? ' tag-' + state : '');
          tag.textContent = labels[state] || state;
          li.appendChild(tag);
        }
        ul.appendChild(li);
      });
      box.appendChild(title);
      box.appendChild(ul);
      target.textContent = '';
      target.appendChild(box);
      target.hidden = false;
    }

    async function run() {
      if (ctrl) ctrl.abort();
      const my = ctrl = newAbort();
      const v = hid.value.trim();
      if (!v) { hide(); return; }
      try {
        const data = await getJSON(url + encodeURIComponent(v), my && my.signal);
        if (my !== ctrl) return;
        const items = data && Array.isArray(data.items) ? data.items : [];
        if (items.length) show(data, items); else hide();
      } catch (e) {
        if (my === ctrl) hide(); // a hint, not a feature: fail silently
      }
    }
    hid.addEventListener('change', run);
    if (hid.value) run(); // e.g. the form came back with a validation error
  }

  /* ---------- 5. keyboard shortcuts ---------- */
  $$('[data-hotkey]').forEach(el => {
    if (!el.hasAttribute('aria-keyshortcuts')) el.setAttribute('aria-keyshortcuts', el.getAttribute('data-hotkey'));
  });

  function submitForm(form) {
    const b = defaultButton(form);
    if (b && b.disabled) return; // busy or waiting for a selection, like a plain Enter would be
    if (typeof form.requestSubmit === 'function') form.requestSubmit(b || undefined);
    else if (b) b.click();
    else form.submit();
  }

  function openDialog(dlg) {
    if (typeof dlg.showModal === 'function') { if (!dlg.open) dlg.showModal(); }
    else dlg.setAttribute('open', '');
  }

  doc.addEventListener('keydown', e => {
    if (e.defaultPrevented || e.isComposing) return;
    const t = e.target;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey) {
      const form = (t && t.form) || closest(t, 'form');
      if (form) { e.preventDefault(); submitForm(form); }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey || isTyping(t)) return;
    if ($('dialog[open]')) return; // the open dialog owns the keyboard
    const k = e.key || '';
    const el = $$('[data-hotkey]').find(x => {
      const h = x.getAttribute('data-hotkey');
      return (h === k || (!e.shiftKey && h === k.toLowerCase())) && !x.disabled && isVisible(x);
    });
    if (el) {
      e.preventDefault();
      if (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName)) {
        el.focus();
        if (typeof el.select === 'function' && /^(text|search)$/.test(el.type)) el.select();
      } else {
        el.click();
      }
      return;
    }
    if (k === '?') {
      const dlg = doc.getElementById('shortcuts');
      if (dlg) { e.preventDefault(); openDialog(dlg); }
    }
  });

  /* ---------- 6. confirmations, 11. double-submit guard ---------- */
  let confirmedBy = null; // the button whose click was just confirmed, so its submit isn't asked twice
  doc.addEventListener('click', e => {
    const t = closest(e.target, '[data-confirm]');
    if (!t || t.tagName === 'FORM') return;
    if (window.confirm(t.getAttribute('data-confirm'))) {
      confirmedBy = t;
      setTimeout(() => { confirmedBy = null; }, 0);
    } else {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);

  const busyForms = new Set();
  doc.addEventListener('submit', e => {
    const form = e.target, sub = e.submitter || null;
    if (busyForms.has(form)) { e.preventDefault(); return; } // already on its way
    const text = sub && sub.hasAttribute('data-confirm')
      ? (sub === confirmedBy ? '' : sub.getAttribute('data-confirm'))
      : form.getAttribute('data-confirm');
    if (text && !window.confirm(text)) e.preventDefault();
  }, true);

  function release(form) {
    busyForms.delete(form);
    $$('[data-zt-busy]').forEach(b => {
      if (b.form === form || closest(b, 'form') === form) {
        b.disabled = false;
        b.removeAttribute('data-zt-busy');
        b.removeAttribute('aria-busy');
      }
    });
    syncSelection();
  }

  // Runs on window, i.e. after every document-level handler had its chance to cancel.
  window.addEventListener('submit', e => {
    const form = e.target;
    if (e.defaultPrevented || !form || form.tagName !== 'FORM') return;
    const c = drafts.get(form);
    if (c) c.flush(); // the draft stays until the server confirms with data-clear-draft
    // Only POSTs that replace this page; GET searches and target=_blank downloads are harmless.
    if ((form.getAttribute('method') || 'get').toLowerCase() !== 'post' || form.target || form.hasAttribute('data-no-busy')) return;
    busyForms.add(form);
    const sub = e.submitter || defaultButton(form);
    // Disable after the event: a disabled submitter would drop its name=value from the request.
    setTimeout(() => {
      Array.from(form.elements).forEach(el => {
        if ((el.type === 'submit' || el.type === 'image') && !el.disabled) {
          el.disabled = true;
          el.setAttribute('data-zt-busy', '');
        }
      });
      if (sub) sub.setAttribute('aria-busy', 'true');
    }, 0);
    // Safety net for responses that never leave the page (a file download, a stalled network).
    setTimeout(() => release(form), 20000);
  });
  window.addEventListener('pageshow', () => Array.from(busyForms).forEach(release));

  /* ---------- 7. small-screen menu ---------- */
  const toggle = $('.menu-toggle');
  if (toggle) {
    const sidebar = $('#' + (toggle.getAttribute('aria-controls') || 'sidebar'));
    const setMenu = open => {
      doc.body.classList.toggle('menu-open', open);
      toggle.setAttribute('aria-expanded', String(open));
    };
    const isMenuOpen = () => doc.body.classList.contains('menu-open');
    toggle.addEventListener('click', () => {
      setMenu(!isMenuOpen());
      if (isMenuOpen() && sidebar) {
        const first = $('a[aria-current="page"], a.active', sidebar) || $('a', sidebar);
        if (first) setTimeout(() => first.focus(), 50); // after the slide-in starts
      }
    });
    doc.addEventListener('keydown', e => {
      if (e.key === 'Escape' && isMenuOpen()) { setMenu(false); toggle.focus(); }
    });
    doc.addEventListener('click', e => { // a tap on the dimmed page closes the menu
      if (isMenuOpen() && !closest(e.target, '.sidebar, .menu-toggle')) setMenu(false);
    });
    if (window.matchMedia) {
      const wide = window.matchMedia('(min-width: 769px)');
      const onWide = () => { if (wide.matches) setMenu(false); };
      if (wide.addEventListener) wide.addEventListener('change', onWide);
      else if (wide.addListener) wide.addListener(onWide);
    }
  }

  /* ---------- 8. captcha refresh ---------- */
  doc.addEventListener('click', async e => {
    const a = closest(e.target, '[data-captcha-refresh]');
    if (!a || !window.fetch) return;
    e.preventDefault();
    const scope = closest(a, 'form') || doc;
    try {
      const data = await getJSON('/portal/captcha', null, { cache: 'no-store' });
      const tok = $('input[name="captcha_token"]', scope);
      if (tok && data.token) tok.value = data.token;
      const img = $('img.captcha-img', scope);
      if (img && data.image) img.src = data.image;
      const ans = $('input[name="captcha_answer"]', scope);
      if (ans) { ans.value = ''; ans.focus(); }
    } catch (err) { /* keep the old picture; the server will say if it expired */ }
  });

  /* ---------- 9. batch selection ---------- */
  const ID_BOX = 'input[type="checkbox"][name="ids"]:not([data-check-all])';
  const scopeOf = all => closest(all, 'table') || all.form || doc;

  function syncSelection() {
    $$('input[type="checkbox"][data-check-all]').forEach(all => {
      const boxes = $$(ID_BOX, scopeOf(all));
      const n = boxes.filter(c => c.checked).length;
      all.checked = n > 0 && n === boxes.length;
      all.indeterminate = n > 0 && n < boxes.length;
    });
    $$('[data-needs-selection]').forEach(b => {
      if (b.hasAttribute('data-zt-busy')) return;
      const form = b.form || closest(b, 'form');
      let boxes = form ? Array.from(form.elements).filter(el => el.type === 'checkbox' && el.name === 'ids' && !el.hasAttribute('data-check-all')) : [];
      if (!boxes.length) boxes = $$(ID_BOX); // checkboxes not tied to the form: fall back to the page
      b.disabled = !boxes.some(c => c.checked);
    });
  }

  doc.addEventListener('change', e => {
    const t = e.target;
    if (!t || !t.matches) return;
    if (t.matches('input[type="checkbox"][data-check-all]')) {
      $$(ID_BOX, scopeOf(t)).forEach(c => { if (!c.disabled) c.checked = t.checked; });
      syncSelection();
    } else if (t.matches(ID_BOX)) {
      syncSelection();
    }
  });

  /* ---------- 10. print ---------- */
  doc.addEventListener('click', e => {
    if (e.defaultPrevented || !closest(e.target, '[data-print]')) return;
    e.preventDefault();
    window.print();
  });

  /* ---------- actions panel: focus the form a person just unfolded ---------- */
  doc.addEventListener('click', e => {
    const s = closest(e.target, 'details.action > summary');
    if (!s) return;
    const d = s.parentElement;
    setTimeout(() => {
      if (!d.open) return;
      const f = $('input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled])', d);
      if (f) f.focus();
    }, 0);
  });

  /* ---------- start ---------- */
  // Sweep stale drafts, honour the server's "saved, forget the draft" marker, then wire widgets.
  if (store) {
    const keys = [];
    for (let i = 0; i < store.length; i++) { const k = store.key(i); if (k && k.indexOf(DRAFT) === 0) keys.push(k.slice(DRAFT.length)); }
    keys.forEach(readDraft);
  }
  $$('[data-clear-draft]').forEach(el => removeDraft(el.getAttribute('data-clear-draft')));
  $$('input[data-typeahead-url]').forEach(initTypeahead);
  $$('input[data-open-appeals-url]').forEach(initOpenAppeals);
  syncSelection();
  // Last, so the restored values' change events reach the widgets above.
  $$('form[data-autosave]').forEach(initAutosave);
  window.addEventListener('pageshow', e => { if (e.persisted) syncSelection(); });
})();
