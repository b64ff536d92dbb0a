// The auditor's desk (issue 22): the global event log with filters, an event's detail with its hashes, verification
// of the tamper-evidence chain on demand, the checkpoints' public key and the export for checking without the server.
// Reads the audit endpoints only (AUDITOR and ADMIN); nothing here is computed that the server did not answer.
'use strict';

TEXT.zh.audit = {
  title: '审计台',
  needsRole: '审计台供审计和管理员使用。',
  verifyTitle: '防篡改校验',
  verifyHint: '重新计算整个事件日志的哈希链，并核对每个检查点的签名（以及锚定文件，如已配置）。',
  verifyNow: '立即校验',
  verifying: '正在校验整个日志…',
  valid: n => `完整：${formatInteger(n, 'zh')} 条事件全部通过校验`,
  invalid: (n, position, reason) => `发现问题：共 ${formatInteger(n, 'zh')} 条事件，第一个异常位置 ${position}${reason ? `（${reason}）` : ''}`,
  checkedAt: time => `校验时间 ${time}`,
  keyTitle: '检查点公钥（Ed25519）',
  keyHint: '审计人员用此公钥在自己的电脑上核验导出文件，无需连接本系统：',
  keyId: '密钥编号',
  previousKeys: n => `此前使用过的密钥：${n} 个`,
  exportTitle: '导出事件日志',
  exportNdjson: '下载 JSON Lines（含检查点签名，可离线核验）',
  exportCsv: '下载 CSV（每行一条事件）',
  exportRange: '导出范围遵循下方的起止位置（留空为全部）。',
  fromPosition: '起始位置', toPosition: '截止位置',
  logTitle: '事件日志',
  filters: { actor: '记录人', aggregateType: '对象类型', type: '事件类型', from: '记录日期起', to: '记录日期止',
    search: '查询', all: '全部' },
  aggregateTypes: { PROJECT: '项目', CAMPAIGN: '集中活动', PUBLICATION: '发布', PERIOD: '统计期', ACCOUNT: '账户' },
  columns: { position: '位置', recordedAt: '记录时间', aggregate: '对象', type: '事件', actor: '记录人' },
  noEvents: '没有符合条件的事件',
  more: '加载更多',
  detailTitle: position => `事件 ${position}`,
  detail: { aggregateType: '对象类型', aggregateId: '对象编号', version: '版本', recordedAt: '记录时间', actor: '记录人',
    type: '事件类型', hash: '哈希（方案 1，HMAC）', publicHash: '哈希（方案 2，公开可复算）', data: '内容' },
  openProject: '打开项目页',
  close: '关闭',
  invalidDate: '请按 YYYY-MM-DD 输入日期'
};

TEXT.en.audit = {
  title: 'Audit desk',
  needsRole: 'The audit desk is for auditors and administrators.',
  verifyTitle: 'Tamper evidence',
  verifyHint: 'Recomputes the hash chain over the whole event log and checks every checkpoint signature (and the '
    + 'anchor file, if one is configured).',
  verifyNow: 'Verify now',
  verifying: 'Verifying the whole log…',
  valid: n => `Intact: all ${formatInteger(n, 'en')} events verify`,
  invalid: (n, position, reason) => `Not intact: ${formatInteger(n, 'en')} events, first invalid position ${position}${reason ? ` (${reason})` : ''}`,
  checkedAt: time => `Checked ${time}`,
  keyTitle: 'Checkpoint public key (Ed25519)',
  keyHint: 'Auditors verify an export with this key on their own machine, without this system:',
  keyId: 'Key id',
  previousKeys: n => `Keys used before: ${n}`,
  exportTitle: 'Export the event log',
  exportNdjson: 'Download JSON Lines (with checkpoint signatures, verifiable offline)',
  exportCsv: 'Download CSV (one row per event)',
  exportRange: 'The export follows the positions below (empty: everything).',
  fromPosition: 'From position', toPosition: 'To position',
  logTitle: 'Event log',
  filters: { actor: 'Recorded by', aggregateType: 'Record kind', type: 'Event type', from: 'Recorded from',
    to: 'Recorded until', search: 'Search', all: 'All' },
  aggregateTypes: { PROJECT: 'Project', CAMPAIGN: 'Campaign', PUBLICATION: 'Publication', PERIOD: 'Period',
    ACCOUNT: 'Account' },
  columns: { position: 'Position', recordedAt: 'Recorded', aggregate: 'Record', type: 'Event', actor: 'By' },
  noEvents: 'No event matches',
  more: 'Load more',
  detailTitle: position => `Event ${position}`,
  detail: { aggregateType: 'Record kind', aggregateId: 'Record id', version: 'Version', recordedAt: 'Recorded',
    actor: 'By', type: 'Event type', hash: 'Hash (scheme 1, HMAC)', publicHash: 'Hash (scheme 2, public)',
    data: 'Content' },
  openProject: 'Open the project page',
  close: 'Close',
  invalidDate: 'Enter the date as YYYY-MM-DD'
};

const PAGE_SIZE = 50;
const desk = { filters: {}, events: [], exhausted: false, verdict: null, verdictAt: null, key: null, selected: null };

function a(key) {
  return t(`audit.${key}`);
}

function filtersFromUrl() {
  const query = new URLSearchParams(location.search);
  desk.filters = {};
  for (const name of ['actor', 'aggregateType', 'type', 'from', 'to', 'fromPosition', 'toPosition']) {
    if (query.get(name)) {
      desk.filters[name] = query.get(name);
    }
  }
}

function eventsQuery(after) {
  const f = desk.filters;
  const query = new URLSearchParams({ after: String(after), limit: String(PAGE_SIZE) });
  for (const name of ['actor', 'aggregateType', 'type']) {
    if (f[name]) {
      query.set(name, f[name]);
    }
  }
  if (f.from) {
    query.set('recordedFrom', new Date(`${f.from}T00:00:00+08:00`).toISOString());
  }
  if (f.to) {
    query.set('recordedTo', endOfDayInBeijing(f.to));
  }
  return `/api/v1/audit/events?${query}`;
}

async function loadEvents(more) {
  const after = more && desk.events.length ? desk.events[desk.events.length - 1].position : 0;
  const page = await api(eventsQuery(after));
  desk.events = more ? desk.events.concat(page) : page;
  desk.exhausted = page.length < PAGE_SIZE;
}

function exportHref(format) {
  const query = new URLSearchParams();
  if (desk.filters.fromPosition) {
    query.set('fromPosition', desk.filters.fromPosition);
  }
  if (desk.filters.toPosition) {
    query.set('toPosition', desk.filters.toPosition);
  }
  if (format) {
    query.set('format', format);
  }
  return `/api/v1/audit/export${query.toString() ? `?${query}` : ''}`;
}

function verifyCard() {
  const result = el('div', { id: 'verify-result', class: 'verify-result', 'aria-live': 'polite' });
  if (desk.verdict === 'running') {
    result.append(el('progress', { id: 'verify-progress' }), ' ', a('verifying'));
  } else if (desk.verdict) {
    const v = desk.verdict;
    result.classList.add(v.valid ? 'ok' : 'refused');
    result.dataset.valid = String(v.valid);
    result.append(el('strong', {}, v.valid ? a('valid')(v.events) : a('invalid')(v.events, v.firstInvalidPosition,
      v.reason)), el('div', { class: 'note' }, a('checkedAt')(formatInstant(desk.verdictAt))));
  }
  return el('section', { class: 'card', id: 'verify-card' },
    el('h2', {}, a('verifyTitle')),
    el('p', { class: 'note' }, a('verifyHint')),
    el('button', { id: 'verify-now', class: 'primary', disabled: desk.verdict === 'running', onclick: verifyNow },
      a('verifyNow')),
    result);
}

async function verifyNow() {
  desk.verdict = 'running';
  renderPage();
  try {
    desk.verdict = await api('/api/v1/audit/verify');
    desk.verdictAt = new Date().toISOString();
  } catch (error) {
    desk.verdict = null;
    showError(error);
  }
  renderPage();
}

function keyCard() {
  const key = desk.key;
  return el('section', { class: 'card', id: 'key-card' },
    el('h2', {}, a('keyTitle')),
    key ? el('div', {},
      el('p', { class: 'note' }, a('keyHint')),
      el('pre', { class: 'command' }, `java -jar pipeline-tracker.jar verify-export audit-log.ndjson --public-key ${key.publicKey}`),
      el('dl', { class: 'facts' },
        el('dt', {}, a('keyId')), el('dd', { id: 'key-id' }, key.keyId),
        el('dt', {}, 'publicKey'), el('dd', {}, el('code', { id: 'public-key', class: 'wrap' }, key.publicKey))),
      key.previous.length ? el('p', { class: 'note' }, a('previousKeys')(key.previous.length)) : null) : null,
    el('h2', {}, a('exportTitle')),
    el('p', { class: 'note' }, a('exportRange')),
    el('div', { class: 'exports' },
      el('a', { id: 'export-ndjson', class: 'button', href: exportHref(null), download: 'audit-log.ndjson' }, a('exportNdjson')),
      el('a', { id: 'export-csv', class: 'button', href: exportHref('csv'), download: 'audit-log.csv' },
        a('exportCsv'))));
}

function filterForm() {
  const f = desk.filters;
  const text = (name, label, attributes = {}) => el('label', {}, label,
    el('input', { type: 'text', name, id: `filter-${name}`, value: f[name] || '', autocomplete: 'off', ...attributes }));
  const kinds = a('aggregateTypes');
  const form = el('form', { class: 'list-filters', id: 'audit-filters' },
    text('actor', a('filters').actor),
    el('label', {}, a('filters').aggregateType,
      el('select', { name: 'aggregateType', id: 'filter-aggregateType' },
        el('option', { value: '' }, a('filters').all),
        Object.keys(kinds).map(kind => el('option', { value: kind, selected: f.aggregateType === kind }, kinds[kind])))),
    el('label', {}, a('filters').type,
      el('select', { name: 'type', id: 'filter-type' },
        el('option', { value: '' }, a('filters').all),
        Object.keys(t('events')).map(type => el('option', { value: type, selected: f.type === type },
          t('events')[type])))),
    text('from', a('filters').from, { placeholder: t('datePlaceholder'), inputmode: 'numeric', maxlength: 10 }),
    text('to', a('filters').to, { placeholder: t('datePlaceholder'), inputmode: 'numeric', maxlength: 10 }),
    text('fromPosition', a('fromPosition'), { inputmode: 'numeric' }),
    text('toPosition', a('toPosition'), { inputmode: 'numeric' }),
    el('button', { type: 'submit', class: 'primary', id: 'filter-search' }, a('filters').search));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const next = {};
    let valid = true;
    for (const [name, value] of new FormData(form).entries()) {
      const trimmed = String(value).trim();
      const input = form.elements[name];
      const bad = (name === 'from' || name === 'to') && trimmed !== '' && !isDate(trimmed)
        || (name.endsWith('Position') && trimmed !== '' && !/^\d+$/.test(trimmed));
      input.classList.toggle('invalid', bad);
      input.title = bad ? a('invalidDate') : '';
      valid = valid && !bad;
      if (trimmed) {
        next[name] = trimmed;
      }
    }
    if (!valid) {
      return;
    }
    desk.filters = next;
    setUrl({ ...next, lang: app.lang === 'en' ? 'en' : null });
    await reload();
  });
  return form;
}

function aggregateCell(event) {
  const kind = a('aggregateTypes')[event.aggregateType] || event.aggregateType;
  if (event.projectId) {
    return el('a', { href: `/dashboard/projects/${encodeURIComponent(event.projectId)}${app.lang === 'en' ? '?lang=en' : ''}` },
      `${kind} · ${event.projectId.substring(0, 8)}`);
  }
  return `${kind} · ${String(event.aggregateId).substring(0, 8)}`;
}

function logCard() {
  const c = a('columns');
  const rows = desk.events.map(event => el('tr', {
    class: desk.selected === event.position ? 'selected' : '', 'data-position': event.position,
    onclick: e => {
      if (e.target.tagName !== 'A') {
        desk.selected = desk.selected === event.position ? null : event.position;
        renderPage();
        const detail = document.getElementById('event-detail');
        if (detail) {
          detail.scrollIntoView({ block: 'nearest' });
        }
      }
    }
  },
  el('td', { class: 'number', 'data-label': c.position }, event.position),
  el('td', { 'data-label': c.recordedAt }, formatInstant(event.recordedAt)),
  el('td', { 'data-label': c.aggregate }, aggregateCell(event)),
  el('td', { 'data-label': c.type }, t('events')[event.type] || event.type),
  el('td', { 'data-label': c.actor }, event.actor || '—')));
  return el('section', { class: 'card', id: 'log-card' },
    el('h2', {}, a('logTitle')),
    filterForm(),
    desk.events.length ? el('div', { class: 'table-scroll' },
      el('table', { class: 'projects', id: 'audit-events' },
        el('thead', {}, el('tr', {}, el('th', {}, c.position), el('th', {}, c.recordedAt), el('th', {}, c.aggregate),
          el('th', {}, c.type), el('th', {}, c.actor))),
        el('tbody', {}, rows)))
      : el('p', { class: 'note', id: 'no-events' }, a('noEvents')),
    desk.exhausted ? null : el('div', { class: 'pager' },
      el('button', { class: 'secondary', id: 'more-events', onclick: async () => {
        await loadEvents(true);
        renderPage();
      } }, a('more'))),
    detailCard());
}

function detailCard() {
  const event = desk.events.find(e => e.position === desk.selected);
  if (!event) {
    return null;
  }
  const d = a('detail');
  const fact = (label, value, id) => [el('dt', {}, label), el('dd', { id }, value)];
  return el('section', { class: 'event-detail', id: 'event-detail' },
    el('div', { class: 'card-head' }, el('h3', {}, a('detailTitle')(event.position)),
      el('button', { class: 'secondary', onclick: () => {
        desk.selected = null;
        renderPage();
      } }, a('close'))),
    el('dl', { class: 'facts' },
      fact(d.type, t('events')[event.type] ? `${t('events')[event.type]} (${event.type})` : event.type),
      fact(d.aggregateType, a('aggregateTypes')[event.aggregateType] || event.aggregateType),
      fact(d.aggregateId, event.aggregateId),
      event.version != null ? fact(d.version, event.version) : null,
      fact(d.recordedAt, formatInstant(event.recordedAt)),
      fact(d.actor, event.actor || '—'),
      fact(d.hash, el('code', { class: 'wrap' }, event.hash || '—'), 'detail-hash'),
      fact(d.publicHash, el('code', { class: 'wrap' }, event.publicHash || '—'), 'detail-public-hash')),
    el('h4', {}, d.data),
    el('pre', { class: 'event-data' }, JSON.stringify(event.data, null, 2)),
    event.projectId ? el('a', { class: 'button', href: `/dashboard/projects/${encodeURIComponent(event.projectId)}` },
      a('openProject')) : null);
}

function renderPage() {
  document.title = `${a('title')} · ${t('appTitle')}`;
  document.getElementById('page').replaceChildren(
    el('div', { class: 'audit-top' }, verifyCard(), keyCard()),
    logCard());
}

function renderFrame() {
  renderHeader(switchLanguageThen(() => {
    renderFrame();
    renderPage();
  }));
}

async function reload() {
  document.body.dataset.state = 'loading';
  await loadEvents(false);
  desk.selected = null;
  renderPage();
  document.body.dataset.state = 'ready';
}

async function start() {
  filtersFromUrl();
  try {
    await loadSession();
    renderFrame();
    if (!['AUDITOR', 'ADMIN'].includes(app.session.role)) {
      document.getElementById('page').replaceChildren(
        el('section', { class: 'card' }, el('p', { class: 'note', id: 'needs-role' }, a('needsRole'))));
      document.body.dataset.state = 'ready';
      return;
    }
    [desk.key] = await Promise.all([api('/api/v1/audit/public-key'), loadEvents(false)]);
    renderPage();
    document.body.dataset.state = 'ready';
  } catch (error) {
    renderFrame();
    showError(error);
  }
}

window.addEventListener('popstate', () => {
  filtersFromUrl();
  reload().catch(showError);
});

start();
