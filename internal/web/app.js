// partygraph explorer. Every piece of data from the graph reaches the page
// through textContent or cytoscape's canvas labels, never as HTML.
'use strict';

(function () {
  const PG = 'https://w3id.org/partygraph/ontology#';
  const SCHEMA = 'http://schema.org/';

  // How each class is drawn: colour and cytoscape shape.
  const CLASS_STYLE = {
    [PG + 'MeetingSeries']: ['#a23b72', 'round-rectangle', 'meeting series'],
    [PG + 'Meeting']: ['#e4572e', 'ellipse', 'meeting'],
    [PG + 'PoliticalParty']: ['#2e86ab', 'hexagon', 'political party'],
    [SCHEMA + 'Person']: ['#f1a208', 'ellipse', 'person'],
    [SCHEMA + 'Country']: ['#3bb273', 'diamond', 'country'],
    [SCHEMA + 'City']: ['#7768ae', 'triangle', 'city'],
    [SCHEMA + 'GovernmentOrganization']: ['#1b998b', 'rectangle', 'government organization'],
    [PG + 'Theme']: ['#c9a227', 'tag', 'theme'],
    [PG + 'Topic']: ['#8d6a9f', 'tag', 'topic'],
    [PG + 'Speech']: ['#d1495b', 'star', 'speech'],
    [PG + 'OutcomeDocument']: ['#00798c', 'vee', 'outcome document'],
    [PG + 'SourceDocument']: ['#6c757d', 'barrel', 'source document'],
    [SCHEMA + 'CreativeWork']: ['#95a5a6', 'barrel', 'cited work'],
  };
  const OTHER = ['#8a96a3', 'ellipse', 'other'];
  const styleOf = (cls) => CLASS_STYLE[cls] || OTHER;
  const className = (cls) => (CLASS_STYLE[cls] ? CLASS_STYLE[cls][2] : (cls ? localName(cls) : 'other'));

  const state = {
    sources: new Map(), // IRI -> {name, ...}
    expanded: new Set(), // node ids whose neighbourhood is in the view
    hiddenClasses: new Set([PG + 'SourceDocument']),
    source: '',
    prefixes: [],
    lastResult: null, // {vars, rows} of the query tab, for CSV and graph
    selected: null,
  };

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    if (attrs) {
      for (const [k, v] of Object.entries(attrs)) {
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = v;
        else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
        else e.setAttribute(k, v);
      }
    }
    for (const c of children) {
      if (c == null) continue;
      e.append(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }

  function localName(iri) {
    const m = /[^/#]+$/.exec(iri || '');
    return m ? decodeURIComponentSafe(m[0]) : iri;
  }
  function decodeURIComponentSafe(s) {
    try { return decodeURIComponent(s); } catch (e) { return s; }
  }
  function compact(iri) {
    for (const p of state.prefixes) {
      if (iri.startsWith(p.iri)) return p.prefix + ':' + iri.slice(p.iri.length);
    }
    return iri;
  }
  function sourceName(iri) {
    const s = state.sources.get(iri);
    return s && s.name ? s.name : localName(iri);
  }

  function setStatus(msg) { $('status').textContent = msg || ''; }

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: 'application/json' } });
    let body = null;
    try { body = await r.json(); } catch (e) { /* not JSON */ }
    if (!r.ok) throw new Error((body && body.error) || (r.status + ' ' + r.statusText));
    return body;
  }

  // ---- tabs ----
  function showTab(name) {
    for (const b of document.querySelectorAll('#tabs button')) {
      b.setAttribute('aria-selected', String(b.dataset.tab === name));
    }
    for (const t of ['explore', 'timeline', 'query']) $(t).hidden = t !== name;
    $('searchbox').hidden = name !== 'explore';
    if (name === 'explore' && cy) cy.resize();
    if (name === 'timeline') loadTimeline();
    if (name === 'query' && resultsCy) resultsCy.resize();
    if (location.hash !== '#' + name) history.replaceState(null, '', '#' + name);
  }

  // ---- graph ----
  let cy = null;
  function initGraph() {
    cy = cytoscape({
      container: $('cy'),
      wheelSensitivity: 0.3,
      minZoom: 0.1,
      maxZoom: 4,
      style: graphStyle(),
    });
    cy.on('tap', 'node', (ev) => {
      const id = ev.target.id();
      expand(id);
    });
    window.partygraph = { cy: () => cy, resultsCy: () => resultsCy, state };
  }

  function graphStyle() {
    return [
      {
        selector: 'node',
        style: {
          'background-color': 'data(color)', shape: 'data(shape)', label: 'data(label)',
          'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'ellipsis',
          'text-max-width': 140, width: 22, height: 22, color: '#1d232a',
          'text-background-color': '#fff', 'text-background-opacity': 0.7, 'text-background-padding': 1,
        },
      },
      { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#1f2d3d' } },
      { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#1a5fb4' } },
      {
        selector: 'edge',
        style: {
          width: 1.5, 'line-color': '#9aa7b4', 'target-arrow-color': '#9aa7b4', 'target-arrow-shape': 'triangle',
          'curve-style': 'bezier', label: 'data(label)', 'font-size': 8, color: '#5a6b7b',
          'text-rotation': 'autorotate', 'text-background-color': '#fff', 'text-background-opacity': 0.8,
        },
      },
      { selector: 'edge.conflict', style: { 'line-color': '#b3261e', 'target-arrow-color': '#b3261e' } },
      { selector: '.filtered', style: { display: 'none' } },
    ];
  }

  function nodeData(t) {
    const id = t.type === 'bnode' ? '_:' + t.value : t.value;
    const [color, shape] = styleOf(t.class);
    return { id, label: t.label || localName(t.value), cls: t.class || '', color, shape };
  }

  async function expand(id, opts) {
    opts = opts || {};
    setStatus('loading…');
    let ent;
    try {
      ent = await getJSON('/api/entity?iri=' + encodeURIComponent(id));
    } catch (e) {
      setStatus(e.message);
      return;
    }
    setStatus(ent.truncated ? 'neighbourhood cut at its size limit' : '');
    $('hint').hidden = true;
    const added = [];
    const centre = cy.getElementById(ent.iri);
    const c = centre.empty() ? { x: 0, y: 0 } : centre.position();
    const fresh = ent.nodes.filter((n) => cy.getElementById(nodeData(n).id).empty());
    cy.batch(() => {
      // New nodes start on a ring around the expanded one, so the layout
      // only has to tidy up.
      fresh.forEach((n, i) => {
        const d = nodeData(n);
        if (d.id === ent.iri) {
          added.push(cy.add({ group: 'nodes', data: d, position: { x: c.x, y: c.y } }));
          return;
        }
        const a = (2 * Math.PI * i) / Math.max(fresh.length, 1);
        const r = 120 + 6 * fresh.length;
        added.push(cy.add({ group: 'nodes', data: d, position: { x: c.x + r * Math.cos(a), y: c.y + r * Math.sin(a) } }));
      });
      const conflictProps = new Set(ent.facts.filter((f) => f.conflict).map((f) => f.property));
      for (const e of ent.edges) {
        if (!cy.getElementById(e.id).empty()) continue;
        const ele = cy.add({
          group: 'edges',
          data: { id: e.id, source: e.source, target: e.target, label: e.label, property: e.property, sources: e.sources },
        });
        if (e.source === ent.iri && conflictProps.has(e.property)) ele.addClass('conflict');
        added.push(ele);
      }
      cy.getElementById(ent.iri).addClass('expanded');
    });
    state.expanded.add(ent.iri);
    updateClassFilter();
    applyFilters();
    layout(added.length > 0 && !opts.noLayout);
    cy.$(':selected').unselect();
    cy.getElementById(ent.iri).select();
    showPanel(ent);
  }

  function layout(run) {
    if (!run) return;
    cy.layout({
      name: 'cose', animate: false, randomize: false, fit: true, padding: 30,
      nodeRepulsion: () => 400000, idealEdgeLength: () => 110, edgeElasticity: () => 100,
      nodeOverlap: 20, gravity: 60, numIter: 1000, componentSpacing: 80,
    }).run();
  }

  function applyFilters() {
    // Decide first, then apply: selectors do not see classes changed
    // inside a batch.
    const hiddenEdges = new Set();
    cy.edges().forEach((e) => {
      if (state.source && !(e.data('sources') || []).includes(state.source)) hiddenEdges.add(e.id());
    });
    const hiddenNodes = new Set();
    cy.nodes().forEach((n) => {
      if (state.hiddenClasses.has(n.data('cls'))) hiddenNodes.add(n.id());
      else if (state.source && !state.expanded.has(n.id()) && n.connectedEdges().every((e) => hiddenEdges.has(e.id()))) hiddenNodes.add(n.id());
    });
    cy.batch(() => {
      cy.elements().forEach((x) => {
        if (hiddenEdges.has(x.id()) || hiddenNodes.has(x.id())) x.addClass('filtered');
        else x.removeClass('filtered');
      });
    });
  }

  function updateClassFilter() {
    const box = $('classes');
    const present = new Set(cy.nodes().map((n) => n.data('cls')));
    box.replaceChildren();
    for (const cls of [...present].sort((a, b) => className(a).localeCompare(className(b)))) {
      const cb = el('input', { type: 'checkbox', 'data-class': cls });
      cb.checked = !state.hiddenClasses.has(cls);
      cb.addEventListener('change', () => {
        if (cb.checked) state.hiddenClasses.delete(cls); else state.hiddenClasses.add(cls);
        applyFilters();
      });
      const sw = el('span', { class: 'swatch' });
      sw.style.background = styleOf(cls)[0];
      box.append(el('label', null, cb, sw, className(cls)));
    }
  }

  // ---- side panel ----
  function nodeLink(t) {
    if (t.type === 'literal') {
      const span = el('span', { class: 'val' }, t.value);
      if (t['xml:lang']) span.prepend(el('span', { class: 'lang', text: t['xml:lang'] }));
      return span;
    }
    const id = t.type === 'bnode' ? '_:' + t.value : t.value;
    const a = el('a', { class: 'node val', href: '#explore', title: id, text: t.label || localName(t.value) });
    a.addEventListener('click', (ev) => { ev.preventDefault(); expand(id); });
    return a;
  }

  function sourcesLine(srcs) {
    return el('span', { class: 'srcs', text: 'source: ' + srcs.map(sourceName).join('; ') });
  }

  function showPanel(ent) {
    const p = $('panel');
    const classes = ent.classes.map((c) => c.label || localName(c.value)).join(', ');
    p.replaceChildren(
      el('h2', { text: ent.label }),
      el('div', { class: 'iri', text: ent.iri }),
      classes ? el('div', { text: classes }) : null,
    );
    if (ent.labels.length) {
      p.append(el('h3', { text: 'Labels' }));
      p.append(labelList(ent.labels));
    }
    if (ent.altLabels.length) {
      p.append(el('h3', { text: 'Other names' }));
      p.append(labelList(ent.altLabels));
    }
    const dl = el('dl', { id: 'facts' });
    for (const f of ent.facts) {
      const dt = el('dt', { text: f.direction === 'in' ? '← ' + f.label + ' (of)' : f.label, title: f.property });
      if (f.conflict) dt.classList.add('conflict');
      if (f.direction === 'in') dt.classList.add('dir-in');
      const ul = el('ul');
      for (const v of f.values) {
        const li = el('li', null, nodeLink(v), sourcesLine(v.sources));
        if (f.conflict) li.classList.add('conflict');
        ul.append(li);
      }
      dl.append(dt, el('dd', null, ul));
    }
    p.append(el('h3', { text: 'Facts' }), dl);
  }

  function labelList(list) {
    const ul = el('ul', { class: 'labels' });
    for (const l of list) {
      const li = el('li', null);
      if (l.lang) li.append(el('span', { class: 'lang', text: l.lang }));
      li.append(el('span', { class: 'val', text: l.value }));
      if (l.conflict) li.classList.add('conflict');
      li.append(sourcesLine(l.sources));
      ul.append(li);
    }
    return ul;
  }

  // ---- search ----
  let searchSeq = 0;
  let activeSuggestion = -1;
  async function suggest() {
    const q = $('search').value;
    const seq = ++searchSeq;
    if (!q.trim()) { hideSuggestions(); return; }
    let res;
    try {
      res = await getJSON('/api/search?limit=12&q=' + encodeURIComponent(q));
    } catch (e) {
      setStatus(e.message);
      return;
    }
    if (seq !== searchSeq) return; // a newer keystroke won
    const ul = $('suggestions');
    ul.replaceChildren();
    activeSuggestion = -1;
    for (const h of res.results) {
      const [color] = styleOf(h.class);
      const cls = el('span', { class: 'cls', text: className(h.class) });
      cls.style.background = color;
      const li = el('li', { role: 'option', 'data-iri': h.iri },
        el('span', { class: 'label', text: h.label }),
        h.matched !== h.label ? el('span', { class: 'matched', text: h.matched }) : null,
        cls);
      li.addEventListener('mousedown', (ev) => { ev.preventDefault(); choose(h.iri); });
      ul.append(li);
    }
    if (!res.results.length) ul.append(el('li', { class: 'none', text: 'nothing found' }));
    ul.dataset.query = q;
    ul.hidden = false;
  }
  function hideSuggestions() { $('suggestions').hidden = true; activeSuggestion = -1; }
  function choose(iri) {
    hideSuggestions();
    $('search').blur();
    showTab('explore');
    expand(iri);
  }
  function moveSuggestion(d) {
    const items = [...$('suggestions').querySelectorAll('li[data-iri]')];
    if (!items.length) return;
    activeSuggestion = (activeSuggestion + d + items.length) % items.length;
    items.forEach((li, i) => li.setAttribute('aria-selected', String(i === activeSuggestion)));
  }

  // ---- timeline ----
  async function loadTimeline() {
    const body = $('timeline-body');
    let tl;
    try {
      tl = await getJSON('/api/timeline');
    } catch (e) {
      body.replaceChildren(el('p', { text: e.message }));
      return;
    }
    body.replaceChildren();
    if (!tl.series.length) body.append(el('p', { text: 'No meetings in the graph yet.' }));
    for (const s of tl.series) {
      const box = el('div', { class: 'series', 'data-iri': s.iri });
      const title = s.iri ? nodeLink({ type: 'uri', value: s.iri, label: s.label }) : el('span', { text: 'Meetings of no known series' });
      box.append(el('h2', null, title));
      const rel = [];
      if (s.replaces.length) rel.push('replaces ' + s.replaces.map((t) => t.label).join(', '));
      if (s.replacedBy.length) rel.push('replaced by ' + s.replacedBy.map((t) => t.label).join(', '));
      if (rel.length) box.append(el('p', { class: 'rel', text: rel.join('; ') }));
      const row = el('div', { class: 'meetings' });
      s.meetings.forEach((m, i) => {
        if (i > 0) {
          const prev = s.meetings[i - 1];
          const linked = m.follows.includes(prev.iri) || prev.followedBy.includes(m.iri);
          row.append(el('span', {
            class: linked ? 'arrow' : 'arrow nolink',
            title: linked ? 'follows (pg:follows)' : 'no follows link in the sources',
            text: linked ? '→' : '·',
          }));
        }
        const card = el('div', { class: 'meeting', 'data-iri': m.iri, tabindex: '0' },
          el('div', { class: 'date', text: m.date ? (m.endDate && m.endDate !== m.date ? m.date + ' – ' + m.endDate : m.date) : 'date unknown' }),
          el('div', { class: 'name', text: m.label }),
          el('div', { class: 'where', text: [m.location.map((l) => l.label).join(', '), m.online ? 'online' : ''].filter(Boolean).join(' · ') }));
        if (m.dates.length > 1) {
          card.classList.add('conflict');
          card.title = 'sources disagree on the date: ' + m.dates.map((d) => d.value + ' (' + d.sources.map(sourceName).join(', ') + ')').join('; ');
        }
        card.addEventListener('click', () => { showTab('explore'); expand(m.iri); });
        row.append(card);
      });
      box.append(row);
      body.append(box);
    }
  }

  // ---- query tab ----
  function prefixBlock() {
    return state.prefixes.map((p) => 'PREFIX ' + p.prefix + ': <' + p.iri + '>').join('\n');
  }
  const DEFAULT_SPARQL = '\n\nSELECT ?meeting ?date ?label WHERE {\n  ?meeting a pg:Meeting ;\n           schema:startDate ?date ;\n           rdfs:label ?label .\n}\nORDER BY ?date\nLIMIT 100\n';
  const DEFAULT_GIZMO = 'g.V("<https://w3id.org/partygraph/ontology#Meeting>").In("<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>").All()\n';

  function setQuery(lang, text) {
    $('query-lang').value = lang;
    $('query-text').value = text;
  }

  async function runQuery() {
    const lang = $('query-lang').value;
    const text = $('query-text').value;
    const msg = $('query-message');
    msg.className = '';
    msg.textContent = 'running…';
    $('results').replaceChildren();
    state.lastResult = null;
    setResultButtons(false);
    const t0 = performance.now();
    try {
      let result;
      if (lang === 'gizmo') {
        const r = await fetch('/gizmo', { method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: text });
        const body = await r.json().catch(() => null);
        if (!r.ok) throw new Error((body && body.error) || r.status + ' ' + r.statusText);
        result = gizmoTable(body.result || []);
      } else {
        const r = await fetch('/sparql', {
          method: 'POST',
          headers: { 'Content-Type': 'application/sparql-query', Accept: 'application/sparql-results+json, application/n-triples;q=0.9' },
          body: text,
        });
        const ct = r.headers.get('Content-Type') || '';
        if (!r.ok) {
          const body = await r.json().catch(() => null);
          throw new Error((body && body.error) || r.status + ' ' + r.statusText);
        }
        if (ct.startsWith('application/n-triples')) result = triplesTable(await r.text());
        else result = sparqlTable(await r.json());
      }
      state.lastResult = result;
      const ms = Math.round(performance.now() - t0);
      msg.textContent = result.bool !== undefined ? 'answer: ' + result.bool : result.rows.length + (result.rows.length === 1 ? ' row' : ' rows') + ' in ' + ms + ' ms';
      renderTable(result);
      setResultButtons(true);
      showResults('table');
    } catch (e) {
      msg.className = 'error';
      msg.textContent = e.message;
    }
  }

  function setResultButtons(on) {
    for (const id of ['show-table', 'show-graph', 'download-csv']) $(id).disabled = !on;
  }

  // A result is {vars, rows: [[cell]]}, a cell {type, value, lang?, datatype?} or null.
  function sparqlTable(j) {
    if (typeof j.boolean === 'boolean') return { vars: ['answer'], rows: [[{ type: 'literal', value: String(j.boolean) }]], bool: j.boolean };
    const vars = j.head.vars;
    const rows = j.results.bindings.map((b) => vars.map((v) => (b[v] ? { type: b[v].type === 'typed-literal' ? 'literal' : b[v].type, value: b[v].value, lang: b[v]['xml:lang'], datatype: b[v].datatype } : null)));
    return { vars, rows };
  }

  // N-Triples of a CONSTRUCT or DESCRIBE, as subject/predicate/object rows.
  function triplesTable(text) {
    const term = /\s*(<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?)/y;
    const rows = [];
    for (const line of text.split('\n')) {
      if (!line.trim() || line.trim().startsWith('#')) continue;
      const cells = [];
      term.lastIndex = 0;
      for (let i = 0; i < 3; i++) {
        const m = term.exec(line);
        if (!m) break;
        if (m[2] !== undefined) cells.push({ type: 'uri', value: m[2] });
        else if (m[3] !== undefined) cells.push({ type: 'bnode', value: m[3] });
        else cells.push({ type: 'literal', value: unescapeLiteral(m[4]), lang: m[5], datatype: m[6] });
      }
      if (cells.length === 3) rows.push(cells);
    }
    return { vars: ['subject', 'predicate', 'object'], rows, triples: true };
  }
  function unescapeLiteral(s) {
    return s.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, (m, c) => {
      switch (c[0]) {
        case 'n': return '\n';
        case 't': return '\t';
        case 'r': return '\r';
        case 'u': case 'U': return String.fromCodePoint(parseInt(c.slice(1), 16));
        default: return c;
      }
    });
  }

  // Gizmo results: objects of tags (Cayley's JSON form, IRIs as "<iri>").
  function gizmoTable(list) {
    const vars = [];
    const seen = new Set();
    const objs = list.map((x) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? x : { value: x }));
    for (const o of objs) for (const k of Object.keys(o)) if (!seen.has(k)) { seen.add(k); vars.push(k); }
    const cell = (v) => {
      if (v === undefined || v === null) return null;
      if (typeof v === 'string') {
        const m = /^<(.*)>$/.exec(v);
        if (m) return { type: 'uri', value: m[1] };
        if (v.startsWith('_:')) return { type: 'bnode', value: v.slice(2) };
        return { type: 'literal', value: v };
      }
      return { type: 'literal', value: typeof v === 'object' ? JSON.stringify(v) : String(v) };
    };
    return { vars, rows: objs.map((o) => vars.map((k) => cell(o[k]))) };
  }

  function cellText(c) {
    if (!c) return '';
    if (c.type === 'uri') return compact(c.value);
    if (c.type === 'bnode') return '_:' + c.value;
    return c.value;
  }

  function renderTable(result) {
    const table = el('table');
    table.append(el('thead', null, el('tr', null, ...result.vars.map((v) => el('th', { text: v })))));
    const tbody = el('tbody');
    for (const row of result.rows) {
      const tr = el('tr');
      for (const c of row) {
        const td = el('td', { class: c ? c.type : '' });
        if (c && c.type === 'uri') {
          const a = el('a', { href: '#explore', title: c.value, text: compact(c.value) });
          a.addEventListener('click', (ev) => { ev.preventDefault(); showTab('explore'); expand(c.value); });
          td.append(a);
        } else {
          td.textContent = cellText(c);
          if (c && c.lang) td.append(el('span', { class: 'lang', text: '@' + c.lang }));
        }
        tr.append(td);
      }
      tbody.append(tr);
    }
    table.append(tbody);
    $('results').replaceChildren(table);
  }

  let resultsCy = null;
  function showResults(view) {
    $('results').hidden = view !== 'table';
    $('results-graph').hidden = view !== 'graph';
    if (view !== 'graph' || !state.lastResult) return;
    if (!resultsCy) {
      resultsCy = cytoscape({ container: $('results-graph'), style: graphStyle(), wheelSensitivity: 0.3 });
      resultsCy.on('tap', 'node', (ev) => { showTab('explore'); expand(ev.target.id()); });
    }
    const { nodes, edges } = resultGraph(state.lastResult);
    resultsCy.elements().remove();
    resultsCy.add(nodes.concat(edges));
    resultsCy.resize();
    resultsCy.layout({ name: 'cose', animate: false, fit: true, padding: 20 }).run();
  }

  // resultGraph draws a result as nodes and edges: triples as edges; for
  // other results every IRI is a node, linked from the row's first IRI by
  // an edge named after the variable.
  function resultGraph(result) {
    const nodes = new Map();
    const edges = new Map();
    const node = (c) => {
      if (!nodes.has(c.value)) {
        const [color, shape] = OTHER;
        nodes.set(c.value, { group: 'nodes', data: { id: c.value, label: compact(c.value), color, shape, cls: '' } });
      }
      return c.value;
    };
    for (const row of result.rows) {
      if (result.triples) {
        const [s, p, o] = row;
        if (!s || !o || s.type === 'literal' || o.type === 'literal') continue;
        const id = s.value + ' ' + p.value + ' ' + o.value;
        edges.set(id, { group: 'edges', data: { id, source: node(s), target: node(o), label: compact(p.value) } });
        continue;
      }
      let hub = null;
      row.forEach((c, i) => {
        if (!c || c.type !== 'uri') return;
        const id = node(c);
        if (hub === null) { hub = id; return; }
        const eid = hub + ' ' + result.vars[i] + ' ' + id;
        edges.set(eid, { group: 'edges', data: { id: eid, source: hub, target: id, label: result.vars[i] } });
      });
    }
    return { nodes: [...nodes.values()], edges: [...edges.values()] };
  }

  function csvField(s) {
    return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function downloadCSV() {
    const r = state.lastResult;
    if (!r) return;
    const lines = [r.vars.map(csvField).join(',')];
    for (const row of r.rows) lines.push(row.map((c) => csvField(c ? (c.type === 'bnode' ? '_:' + c.value : c.value) : '')).join(','));
    download(new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' }), 'result.csv');
  }

  async function loadExamples() {
    let ex = [];
    try { ex = (await getJSON('/api/examples')).examples; } catch (e) { /* no examples */ }
    const box = $('examples');
    box.hidden = false;
    // The library's queries, and a SPARQL and a Gizmo one of our own when
    // it has none of that language.
    const builtin = [];
    if (!ex.some((x) => x.language === 'sparql')) builtin.push({ name: 'Meetings by date', language: 'sparql', query: prefixBlock() + DEFAULT_SPARQL });
    if (!ex.some((x) => x.language === 'gizmo')) builtin.push({ name: 'Gizmo: all meetings', language: 'gizmo', query: DEFAULT_GIZMO });
    for (const x of ex.concat(builtin)) {
      const b = el('button', { type: 'button', title: x.description || x.name, text: x.name });
      b.addEventListener('click', () => {
        const text = x.language === 'sparql' && !/^\s*PREFIX/im.test(x.query) ? prefixBlock() + '\n\n' + x.query : x.query;
        setQuery(x.language || 'sparql', text);
      });
      box.append(b);
    }
  }

  // ---- export ----
  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  function exportPNG() {
    download(cy.png({ full: true, output: 'blob', bg: '#ffffff', scale: 2 }), 'partygraph.png');
  }

  // exportSVG draws the visible graph as SVG from the node positions.
  function exportSVG() {
    const NS = 'http://www.w3.org/2000/svg';
    const visible = cy.elements(':visible');
    const bb = visible.boundingBox({ includeLabels: true });
    const pad = 20;
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('xmlns', NS);
    svg.setAttribute('width', String(Math.ceil(bb.w + 2 * pad)));
    svg.setAttribute('height', String(Math.ceil(bb.h + 2 * pad)));
    svg.setAttribute('viewBox', [bb.x1 - pad, bb.y1 - pad, bb.w + 2 * pad, bb.h + 2 * pad].join(' '));
    svg.setAttribute('font-family', 'sans-serif');
    const mk = (tag, attrs, text) => {
      const e = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const defs = mk('defs', {});
    const marker = mk('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' });
    marker.append(mk('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#9aa7b4' }));
    defs.append(marker);
    svg.append(mk('rect', { x: bb.x1 - pad, y: bb.y1 - pad, width: bb.w + 2 * pad, height: bb.h + 2 * pad, fill: '#fff' }), defs);
    for (const e of visible.edges()) {
      const s = e.source().position();
      const t = e.target().position();
      const dx = t.x - s.x;
      const dy = t.y - s.y;
      const len = Math.hypot(dx, dy) || 1;
      const r = 12;
      svg.append(mk('line', {
        x1: s.x + (dx / len) * r, y1: s.y + (dy / len) * r, x2: t.x - (dx / len) * r, y2: t.y - (dy / len) * r,
        stroke: e.hasClass('conflict') ? '#b3261e' : '#9aa7b4', 'stroke-width': 1.5, 'marker-end': 'url(#arrow)',
      }));
      svg.append(mk('text', { x: (s.x + t.x) / 2, y: (s.y + t.y) / 2 - 2, 'font-size': 8, fill: '#5a6b7b', 'text-anchor': 'middle' }, e.data('label')));
    }
    for (const n of visible.nodes()) {
      const p = n.position();
      const color = n.data('color');
      const shape = n.data('shape');
      if (shape === 'ellipse') svg.append(mk('circle', { cx: p.x, cy: p.y, r: 11, fill: color }));
      else if (shape === 'diamond') svg.append(mk('polygon', { points: [[p.x, p.y - 11], [p.x + 11, p.y], [p.x, p.y + 11], [p.x - 11, p.y]].join(' '), fill: color }));
      else if (shape === 'triangle') svg.append(mk('polygon', { points: [[p.x, p.y - 11], [p.x + 11, p.y + 11], [p.x - 11, p.y + 11]].join(' '), fill: color }));
      else if (shape === 'hexagon') {
        const pts = [];
        for (let i = 0; i < 6; i++) pts.push([p.x + 11 * Math.cos((Math.PI / 3) * i), p.y + 11 * Math.sin((Math.PI / 3) * i)]);
        svg.append(mk('polygon', { points: pts.join(' '), fill: color }));
      } else svg.append(mk('rect', { x: p.x - 11, y: p.y - 11, width: 22, height: 22, rx: shape === 'round-rectangle' ? 5 : 0, fill: color }));
      if (n.hasClass('expanded')) svg.lastChild.setAttribute('stroke', '#1f2d3d');
      svg.append(mk('text', { x: p.x, y: p.y + 23, 'font-size': 10, fill: '#1d232a', 'text-anchor': 'middle' }, n.data('label')));
    }
    const text = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
    download(new Blob([text], { type: 'image/svg+xml' }), 'partygraph.svg');
  }

  function exportNeighbourhood(format) {
    if (!state.expanded.size) { setStatus('nothing to export: expand a node first'); return; }
    const q = [...state.expanded].map((i) => 'iri=' + encodeURIComponent(i)).join('&');
    const a = el('a', { href: '/api/export?format=' + format + '&' + q, download: 'neighbourhood.' + (format === 'nquads' ? 'nq' : format) });
    document.body.append(a);
    a.click();
    a.remove();
  }

  // ---- start ----
  async function start() {
    initGraph();
    for (const b of document.querySelectorAll('#tabs button')) b.addEventListener('click', () => showTab(b.dataset.tab));
    const search = $('search');
    let timer = null;
    search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(suggest, 120); });
    search.addEventListener('keydown', (ev) => {
      if (ev.key === 'ArrowDown') { moveSuggestion(1); ev.preventDefault(); }
      else if (ev.key === 'ArrowUp') { moveSuggestion(-1); ev.preventDefault(); }
      else if (ev.key === 'Escape') hideSuggestions();
      else if (ev.key === 'Enter') {
        const items = [...$('suggestions').querySelectorAll('li[data-iri]')];
        const li = items[Math.max(activeSuggestion, 0)];
        if (li) choose(li.dataset.iri);
      }
    });
    search.addEventListener('blur', () => setTimeout(hideSuggestions, 150));
    $('sourcefilter').addEventListener('change', (ev) => { state.source = ev.target.value; applyFilters(); });
    $('relayout').addEventListener('click', () => layout(true));
    $('clear').addEventListener('click', () => { cy.elements().remove(); state.expanded.clear(); $('panel').replaceChildren(); $('hint').hidden = false; updateClassFilter(); });
    $('export-png').addEventListener('click', exportPNG);
    $('export-svg').addEventListener('click', exportSVG);
    $('export-nquads').addEventListener('click', () => exportNeighbourhood('nquads'));
    $('export-graphml').addEventListener('click', () => exportNeighbourhood('graphml'));
    $('run-query').addEventListener('click', runQuery);
    $('query-text').addEventListener('keydown', (ev) => { if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) runQuery(); });
    $('query-lang').addEventListener('change', (ev) => {
      setQuery(ev.target.value, ev.target.value === 'gizmo' ? DEFAULT_GIZMO : prefixBlock() + DEFAULT_SPARQL);
    });
    $('show-table').addEventListener('click', () => showResults('table'));
    $('show-graph').addEventListener('click', () => showResults('graph'));
    $('download-csv').addEventListener('click', downloadCSV);

    try {
      state.prefixes = (await getJSON('/api/prefixes')).prefixes;
    } catch (e) { setStatus(e.message); }
    setQuery('sparql', prefixBlock() + DEFAULT_SPARQL);
    loadExamples();
    try {
      const res = await getJSON('/api/sources');
      const sel = $('sourcefilter');
      for (const s of res.sources) {
        state.sources.set(s.iri, s);
        sel.append(el('option', { value: s.iri, text: s.name + ' (' + s.quads + ')' }));
      }
    } catch (e) { setStatus(e.message); }
    const tab = location.hash.slice(1);
    showTab(['explore', 'timeline', 'query'].includes(tab) ? tab : 'explore');
    document.body.dataset.ready = 'true';
  }

  document.addEventListener('DOMContentLoaded', start);
})();
