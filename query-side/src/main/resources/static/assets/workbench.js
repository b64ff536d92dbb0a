// The clerk's workbench (issue 14): my projects, register a project, a project with one small form per command its
// state allows, the monthly progress grid. Reads the contract's query endpoints; sends the contract's commands with
// the page's session and its CSRF token (<meta name="_csrf">), If-Match with the version shown and an
// Idempotency-Key made when a form opens. Amounts are typed in 万元 and sent as yuan by string arithmetic only.
'use strict';

TEXT.zh.wb = {
  nav: { projects: '我的项目', register: '登记新项目', progress: '月度调度', ledger: '台账导入', campaigns: '集中活动' },
  filters: { title: '筛选', region: '区域', stage: '阶段', status: '状态', industry: '行业', q: '搜索',
    qPlaceholder: '名称、投资方或项目代码',
    sort: '排序', search: '查询', all: '全部' },
  sorts: { registeredOn: '登记日期（新→旧）', plannedInvestmentYuan: '计划投资（大→小）' },
  columns: { name: '项目名称', region: '所在区域', stage: '阶段', status: '状态', last: '最近进展', amount: '计划投资（万元）',
    alert: '预警' },
  alertMark: '有预警',
  prev: '上一页', next: '下一页',
  pageOf: (page, pages, total) => `第 ${page} / ${pages} 页 · 共 ${total} 个项目`,
  noProjects: '没有符合条件的项目',
  registerTitle: '登记新项目',
  optional: '选填',
  fields: {
    name: '项目名称', investor: '投资方', regionCode: '所在区域', industry: '行业',
    plannedInvestmentYuan: '计划总投资（万元）', projectCode: '国家项目代码', sourceRegion: '投资来源地',
    registeredOn: '登记日期', landAreaMu: '用地面积（亩）', expectedJobs: '预计就业人数',
    signedOn: '签约日期', contractedInvestmentYuan: '合同投资额（万元）', startedOn: '日期', constructionStartedOn: '开工日期',
    productionStartedOn: '投产日期', completedOn: '竣工日期', scope: '投产范围', newPlanned: '调整后计划总投资（万元）',
    reason: '原因', asOf: '截至日期', completedInvestmentYuan: '累计完成投资（万元）',
    constructionProgressPercent: '形象进度（%）', fundsInPlaceYuan: '累计到位资金（万元）', milestone: '里程碑',
    date: '正确日期'
  },
  projectCodeHint: '全国投资项目在线审批监管平台赋码，格式如 2401-441204-04-01-000001',
  current: value => `现为：${value}`,
  correctHint: '只更正登记时录错的信息；只提交改动过的项，原值保留在项目记录中。',
  nothingCorrected: '没有改动：请至少更正一项登记信息（原因之外）。',
  cannotClear: '不能清空已登记的信息',
  wanHint: '1 亿元 = 10000 万元',
  scopes: { FULL: '全面投产', PARTIAL: '部分投产' },
  register: '登记',
  registered: name => `已登记：${name}`,
  openProject: '打开项目',
  registerAnother: '再登记一个',
  actions: {
    sign: '签约', 'start-construction': '开工', 'complete-construction': '竣工', 'start-production': '投产',
    'revise-investment': '调整计划投资', 'report-progress': '报送进度', suspend: '暂停', resume: '恢复推进',
    cancel: '取消项目', void: '作废（录入错误）', 'correct-milestone': '更正里程碑日期',
    'correct-details': '更正登记信息'
  },
  actionsTitle: '办理',
  submit: '提交',
  close: '关闭',
  sending: '正在提交…',
  stored: label => `已保存：${label}（第 ${'{v}'} 版）`,
  stale: version => `未保存：您打开此页后，该项目已被他人修改（现为第 ${version} 版），本次操作没有保存。期间的变化：`,
  reload: '按最新情况重新办理',
  readOnly: '您的角色只能查看项目，不能办理。',
  ended: '该项目已取消或作废，不能再办理。',
  invalidWan: '请输入以万元计的金额（数字，最多 6 位小数）',
  invalidPercent: '请输入 0 到 100 之间的数字（最多 2 位小数）',
  invalidDate: '请按 YYYY-MM-DD 输入日期',
  csrf: '页面已过期，请刷新页面后重试。',
  network: '网络中断，请再次提交（同一操作不会重复保存）。',
  refused: '未保存：',
  back: '‹ 返回我的项目',
  progressTitle: '月度调度：在建项目进度',
  progressHint: '在表格中直接填写，只保存修改过的行，每行单独保存；未保存的行保留输入。',
  progressColumns: { name: '项目名称', last: '上次报送', completed: '累计完成投资（万元）', percent: '形象进度（%）',
    funds: '累计到位资金（万元）', asOf: '截至日期', result: '结果' },
  lastReport: (percent, asOf, wan, fundsWan) => [percent != null ? `${percent}%` : null,
    wan != null ? `完成 ${wan} 万元` : null, fundsWan != null ? `到位 ${fundsWan} 万元` : null]
    .filter(Boolean).join(' · ') + `（${asOf}）`,
  noReport: '尚未报送',
  save: '保存修改的行',
  nothingChanged: '没有修改的行。',
  rowStored: '已保存',
  summary: (stored, refused) => `已保存 ${stored} 行` + (refused ? `，${refused} 行未保存（输入已保留，请修改后再保存）` : ''),
  noUnderConstruction: '没有在建项目',
  exportLedger: '导出台账（按当前筛选）',
  ledger: {
    title: '台账导入',
    hint: '选择台账文件（.xlsx 或 .csv），先试算查看将办理的事项，无误后再导入。同一文件导入两次不会重复记录。',
    file: '台账文件（.xlsx / .csv）',
    corrections: '按台账更正已记录的里程碑日期和登记信息',
    correctionsHint: '不勾选时，台账的日期、名称、投资方、行业或区域与已记录的不一致的行列为问题，不作修改。',
    dryRun: '试算（不保存）',
    apply: '导入',
    noFile: '请选择台账文件',
    dryRunDone: '试算完成，未保存任何内容。',
    counts: { rows: '总行数', unchanged: '无变化', changed: '将变更', problems: '有问题', done: '已处理',
      applied: '已导入', failed: '未导入' },
    statuses: { RUNNING: '正在导入…', DONE: '导入完成', FAILED: '导入失败' },
    planTitle: '办理计划',
    problemsTitle: '问题',
    columns: { row: '行号', project: '项目', commands: '将办理', column: '列', message: '说明' },
    newProject: code => (code ? `新项目（${code}）` : '新项目'),
    nothingPlanned: '没有需要办理的行。',
    noProblems: '没有问题。',
    ignored: columns => `未识别的列（已忽略）：${columns.join('、')}`,
    toProjects: '查看我的项目',
    template: '下载台账模板（含示例行及区域、行业下拉选项）',
    report: '下载导入报告（xlsx）',
    lost: '无法读取导入进度：'
  }
};

TEXT.en.wb = {
  nav: { projects: 'My projects', register: 'Register a project', progress: 'Monthly progress', ledger: 'Import ledger',
    campaigns: 'Campaigns' },
  filters: { title: 'Filters', region: 'Region', stage: 'Stage', status: 'Status', industry: 'Industry', q: 'Search',
    qPlaceholder: 'Name, investor or project code', sort: 'Order', search: 'Search', all: 'All' },
  sorts: { registeredOn: 'Registered (newest first)', plannedInvestmentYuan: 'Planned investment (largest first)' },
  columns: { name: 'Project', region: 'Region', stage: 'Stage', status: 'Status', last: 'Latest milestone',
    amount: 'Planned (RMB 10k)', alert: 'Alert' },
  alertMark: 'Has an alert',
  prev: 'Previous', next: 'Next',
  pageOf: (page, pages, total) => `Page ${page} of ${pages} · ${total} projects`,
  noProjects: 'No project matches',
  registerTitle: 'Register a project',
  optional: 'optional',
  fields: {
    name: 'Project name', investor: 'Investor', regionCode: 'Region', industry: 'Industry',
    plannedInvestmentYuan: 'Planned investment (RMB 10k, 万元)', projectCode: 'National project code',
    sourceRegion: 'Investor from', registeredOn: 'Registered on', landAreaMu: 'Land area (mu)',
    expectedJobs: 'Expected jobs', signedOn: 'Signed on', contractedInvestmentYuan: 'Contracted investment (RMB 10k)',
    startedOn: 'Date', constructionStartedOn: 'Construction started on', productionStartedOn: 'Production started on',
    completedOn: 'Completed on', scope: 'Scope', newPlanned: 'New planned investment (RMB 10k)', reason: 'Reason',
    asOf: 'As of', completedInvestmentYuan: 'Investment completed (RMB 10k)',
    constructionProgressPercent: 'Progress (%)', fundsInPlaceYuan: 'Funds in place (RMB 10k)', milestone: 'Milestone',
    date: 'Correct date'
  },
  projectCodeHint: 'Issued by the national online approval platform, e.g. 2401-441204-04-01-000001',
  current: value => `Now: ${value}`,
  correctHint: 'Only for facts entered wrong at registration; only the fields you change are sent, and the old '
    + 'values stay in the record.',
  nothingCorrected: 'Nothing changed: correct at least one registration detail (besides the reason).',
  cannotClear: 'A registered detail cannot be emptied',
  wanHint: '1 万元 = RMB 10,000; RMB 100 m = 10000',
  scopes: { FULL: 'Full', PARTIAL: 'Partial' },
  register: 'Register',
  registered: name => `Registered: ${name}`,
  openProject: 'Open the project',
  registerAnother: 'Register another',
  actions: {
    sign: 'Sign', 'start-construction': 'Start construction', 'complete-construction': 'Complete construction',
    'start-production': 'Start production', 'revise-investment': 'Revise investment',
    'report-progress': 'Report progress', suspend: 'Suspend', resume: 'Resume', cancel: 'Cancel the project',
    void: 'Void (entered in error)', 'correct-milestone': 'Correct a milestone date',
    'correct-details': 'Correct registration details'
  },
  actionsTitle: 'Record',
  submit: 'Submit',
  close: 'Close',
  sending: 'Sending…',
  stored: label => `Saved: ${label} (version {v})`,
  stale: version => `Not saved: someone changed this project after you opened the page (it is now at version ${version}); nothing was stored. What changed meanwhile:`,
  reload: 'Start again from the latest state',
  readOnly: 'Your role may look at projects but not record anything.',
  ended: 'This project was cancelled or voided: nothing more can be recorded.',
  invalidWan: 'Enter an amount in 万元 (digits, at most 6 decimals)',
  invalidPercent: 'Enter a number from 0 to 100 (at most 2 decimals)',
  invalidDate: 'Enter the date as YYYY-MM-DD',
  csrf: 'This page has expired: reload it and try again.',
  network: 'The network failed: submit again (the same entry is never stored twice).',
  refused: 'Not saved: ',
  back: '‹ Back to my projects',
  progressTitle: 'Monthly progress: projects under construction',
  progressHint: 'Type into the grid; only changed rows are saved, each on its own; rows not saved keep what you typed.',
  progressColumns: { name: 'Project', last: 'Last report', completed: 'Invested (RMB 10k)', percent: 'Progress (%)',
    funds: 'Funds in place (RMB 10k)', asOf: 'As of', result: 'Result' },
  lastReport: (percent, asOf, wan, fundsWan) => [percent != null ? `${percent}%` : null,
    wan != null ? `invested ${wan}` : null, fundsWan != null ? `in place ${fundsWan}` : null]
    .filter(Boolean).join(' · ') + ` (${asOf})`,
  noReport: 'None yet',
  save: 'Save changed rows',
  nothingChanged: 'No row was changed.',
  rowStored: 'Saved',
  summary: (stored, refused) => `${stored} saved` + (refused ? `, ${refused} not saved (kept as typed: correct and save again)` : ''),
  noUnderConstruction: 'No project under construction',
  exportLedger: 'Export the ledger (current filters)',
  ledger: {
    title: 'Import a ledger',
    hint: 'Choose a ledger file (.xlsx or .csv), try it first to see what would be recorded, then import it. '
      + 'Importing the same file twice records nothing twice.',
    file: 'Ledger file (.xlsx / .csv)',
    corrections: 'Correct recorded milestone dates and registered details to the ledger\'s',
    correctionsHint: 'Unticked, a row whose dates, name, investor, industry or region differ from those recorded is '
      + 'listed as a problem and not changed.',
    dryRun: 'Try it (stores nothing)',
    apply: 'Import',
    noFile: 'Choose a ledger file',
    dryRunDone: 'Tried: nothing was stored.',
    counts: { rows: 'Rows', unchanged: 'Unchanged', changed: 'Would change', problems: 'With problems', done: 'Done',
      applied: 'Imported', failed: 'Not imported' },
    statuses: { RUNNING: 'Importing…', DONE: 'Import finished', FAILED: 'Import failed' },
    planTitle: 'What would be recorded',
    problemsTitle: 'Problems',
    columns: { row: 'Row', project: 'Project', commands: 'Records', column: 'Column', message: 'Problem' },
    newProject: code => (code ? `New project (${code})` : 'New project'),
    nothingPlanned: 'No row needs anything recorded.',
    noProblems: 'No problems.',
    ignored: columns => `Columns not recognised (ignored): ${columns.join(', ')}`,
    toProjects: 'See my projects',
    template: 'Download a ledger template (an example row, drop-down lists of regions and industries)',
    report: 'Download the report (xlsx)',
    lost: 'Could not read the import\'s progress: '
  }
};

function w(key) {
  return t(`wb.${key}`);
}

const MILESTONE_ORDER = ['REGISTERED', 'SIGNED', 'CONSTRUCTION_STARTED', 'CONSTRUCTION_COMPLETED', 'PRODUCTION_STARTED'];
const PAGE_SIZE = 20;
const GRID_SIZE = 50;

// ---- exact amounts: 万元 text → yuan text, never through a floating-point number -------------------------------

/** A number the JSON body carries exactly as written (JSON.stringify would go through a double). */
class ExactNumber {
  constructor(text) {
    this.text = text;
  }
}

/** "12.3456" 万元 → 123456 yuan; at most 6 decimals (a fen); null when it is not such an amount. */
function wanToYuan(text) {
  const match = /^(\d{1,12})(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!match) {
    return null;
  }
  const fraction = (match[2] || '').padEnd(6, '0');
  const whole = (match[1] + fraction.slice(0, 4)).replace(/^0+(?=\d)/, '');
  const cents = fraction.slice(4).replace(/0+$/, '');
  return new ExactNumber(cents ? `${whole}.${cents}` : whole);
}

/** Yuan as the API answers it → 万元 text, by moving the decimal point in the digits (for display and defaults). */
function yuanToWan(yuan) {
  const [whole, fraction = ''] = String(yuan).split('.');
  const digits = whole.padStart(5, '0');
  const wan = digits.slice(0, -4).replace(/^0+(?=\d)/, '');
  const rest = (digits.slice(-4) + fraction).replace(/0+$/, '');
  return rest ? `${wan}.${rest}` : wan;
}

function percentValue(text) {
  const trimmed = text.trim();
  return /^\d{1,3}(\.\d{1,2})?$/.test(trimmed) && Number(trimmed) <= 100 ? new ExactNumber(trimmed) : null;
}

/** A flat JSON object; empty values left out, ExactNumbers written digit for digit. */
function jsonBody(fields) {
  const parts = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value !== null && value !== undefined && value !== '') {
      parts.push(`${JSON.stringify(name)}:${value instanceof ExactNumber ? value.text : JSON.stringify(value)}`);
    }
  }
  return `{${parts.join(',')}}`;
}

// ---- commands ------------------------------------------------------------------------------------------------

/** A random UUID; crypto.randomUUID exists only on https and localhost, getRandomValues everywhere. */
function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function meta(name) {
  const tag = document.querySelector(`meta[name="${name}"]`);
  return tag ? tag.content : null;
}

/**
 * POSTs a command with the session, its CSRF token, the form's Idempotency-Key and (for an existing project) If-Match.
 * Resolves to {ok, status, answer}; status 0 when the network failed (the same key makes a retry safe).
 */
async function sendCommand(path, body, key, version) {
  const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': key };
  if (version !== null && version !== undefined) {
    headers['If-Match'] = `"${version}"`;
  }
  return postFromPage(path, body, headers);
}

/** A POST with the page's session and its CSRF token; resolves to {ok, status, answer}, status 0 on a network failure. */
async function postFromPage(path, body, extraHeaders = {}) {
  const headers = { ...apiHeaders(), ...extraHeaders };
  headers[meta('_csrf_header') || 'X-CSRF-TOKEN'] = meta('_csrf');
  let response;
  try {
    response = await fetch(path, { method: 'POST', headers, body, credentials: 'same-origin' });
  } catch (networkFailure) {
    return { ok: false, status: 0, answer: null };
  }
  let answer = null;
  try {
    answer = await response.json();
  } catch (notJson) {
    // the status says enough
  }
  return { ok: response.ok, status: response.status, answer };
}

/** The sentence a refused command shows: the problem's detail in the page's language, or what went wrong. */
function refusalText(result) {
  if (result.status === 0) {
    return w('network');
  }
  if (result.status === 401) {
    return t('sessionExpired');
  }
  if (result.status === 403 && result.answer && String(result.answer.type).endsWith(':csrf-token-invalid')) {
    return w('csrf');
  }
  const problem = result.answer || {};
  return w('refused') + (problem.detail || problem.title || `HTTP ${result.status}`);
}

// ---- forms ---------------------------------------------------------------------------------------------------

/**
 * One input with its label, hint and error slot. {@code kind}: text, date, wan, percent, select, textarea, integer.
 * The input's name is the JSON field it feeds (the contract's rule for pages).
 */
function field(spec) {
  const id = `f-${spec.form || 'x'}-${spec.name}`;
  let input;
  if (spec.kind === 'select') {
    input = el('select', { id, name: spec.name, required: spec.required },
      spec.options.map(([value, label]) => el('option', { value, selected: value === spec.value }, label)));
  } else if (spec.kind === 'textarea') {
    input = el('textarea', { id, name: spec.name, rows: 2, maxlength: 500, required: spec.required }, spec.value || '');
  } else {
    const numeric = spec.kind === 'wan' || spec.kind === 'percent';
    input = el('input', { id, name: spec.name, type: 'text', value: spec.value || '', required: spec.required,
      inputmode: spec.kind === 'date' || spec.kind === 'integer' ? 'numeric' : numeric ? 'decimal' : null,
      placeholder: spec.kind === 'date' ? t('datePlaceholder') : spec.placeholder || null,
      maxlength: spec.kind === 'date' ? 10 : null, autocomplete: 'off', 'data-kind': spec.kind || 'text' });
  }
  return el('div', { class: `field field-${spec.kind || 'text'}` },
    el('label', { for: id }, spec.label, spec.required ? null : el('span', { class: 'optional' }, ` (${w('optional')})`)),
    input,
    spec.hint ? el('div', { class: 'hint' }, spec.hint) : null,
    spec.current !== undefined ? el('div', { class: 'current', 'data-current-for': spec.name },
      w('current')(spec.current || '—')) : null,
    el('div', { class: 'field-error', 'data-error-for': spec.name, hidden: true }));
}

/** The form's values as the command's JSON fields; local format errors (amounts, dates) by field, or null. */
function readForm(form) {
  const values = {};
  const errors = [];
  for (const input of form.querySelectorAll('[name]')) {
    const text = input.value.trim();
    const kind = input.dataset.kind;
    if (text === '') {
      values[input.name] = null;
    } else if (kind === 'wan') {
      values[input.name] = wanToYuan(text);
      if (!values[input.name]) {
        errors.push({ field: input.name, message: w('invalidWan') });
      }
    } else if (kind === 'percent') {
      values[input.name] = percentValue(text);
      if (!values[input.name]) {
        errors.push({ field: input.name, message: w('invalidPercent') });
      }
    } else if (kind === 'integer' || kind === 'decimal') {
      // a number as typed; anything else goes as text, and the API names the field it refuses
      values[input.name] = /^\d{1,12}(\.\d{1,2})?$/.test(text) && (kind === 'decimal' || !text.includes('.'))
        ? new ExactNumber(text.replace(/^0+(?=\d)/, '')) : text;
    } else if (kind === 'date' && !isDate(text)) {
      values[input.name] = text;
      errors.push({ field: input.name, message: w('invalidDate') });
    } else {
      values[input.name] = text;
    }
  }
  return { values, errors };
}

/** Each problem's message next to the field it concerns (problem+json errors[].field), the others in the alert. */
function showFieldErrors(form, errors) {
  for (const slot of form.querySelectorAll('.field-error')) {
    slot.hidden = true;
    slot.textContent = '';
  }
  for (const input of form.querySelectorAll('[name]')) {
    input.classList.remove('invalid');
    input.removeAttribute('aria-invalid');
  }
  for (const error of errors || []) {
    const slot = form.querySelector(`[data-error-for="${CSS.escape(error.field)}"]`);
    if (slot) {
      slot.hidden = false;
      slot.textContent = slot.textContent ? `${slot.textContent}；${error.message}` : error.message;
    }
    const input = form.querySelector(`[name="${CSS.escape(error.field)}"]`);
    if (input) {
      input.classList.add('invalid');
      input.setAttribute('aria-invalid', 'true');
    }
  }
}

function notice(kind, ...content) {
  return el('div', kind === 'ok' ? { class: 'notice ok', role: 'status' } : { class: 'notice refused', role: 'alert' },
    ...content);
}

/**
 * A command's form: its fields, one submit button carrying data-action, an Idempotency-Key made now (so a double
 * click or a retry stores once). {@code send(values, key)} resolves to a command result; {@code done(result)} follows
 * a success, {@code refused(result)} a refusal that needs more than its message.
 */
function commandForm({ action, fields, submitLabel, validate, send, done, refused, onClose }) {
  const key = newIdempotencyKey();
  const messages = el('div', { class: 'form-messages' });
  const submit = el('button', { type: 'submit', class: 'primary', 'data-action': action }, submitLabel || w('submit'));
  const form = el('form', { class: 'command-form', 'data-form': action, novalidate: true, 'data-idempotency-key': key },
    fields.map(spec => field({ ...spec, form: action })),
    messages,
    el('div', { class: 'form-buttons' }, submit,
      onClose ? el('button', { type: 'button', class: 'secondary', onclick: onClose }, w('close')) : null));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (submit.disabled) {
      return;
    }
    const { values, errors: formatErrors } = readForm(form);
    const errors = formatErrors.length || !validate ? formatErrors : validate(values);
    showFieldErrors(form, errors);
    if (errors.length) {
      messages.replaceChildren(notice('refused', errors.map(e => e.message).join('；')));
      return;
    }
    submit.disabled = true;
    submit.textContent = w('sending');
    const result = await send(values, key);
    submit.disabled = false;
    submit.textContent = submitLabel || w('submit');
    if (result.ok) {
      showFieldErrors(form, []);
      messages.replaceChildren();
      done(result);
    } else {
      showFieldErrors(form, result.answer && result.answer.errors);
      messages.replaceChildren(refused && refused(result) || notice('refused', refusalText(result)));
    }
  });
  return form;
}

// ---- the frame: header, navigation, language ------------------------------------------------------------------

const wb = { view: null, project: null, history: null, notice: null, openAction: null, list: null };

function route() {
  const path = location.pathname.replace(/\/$/, '');
  if (path === '/workbench/register') {
    return 'register';
  }
  if (path === '/workbench/progress') {
    return 'progress';
  }
  if (path === '/workbench/ledger') {
    return 'ledger';
  }
  if (path === '/workbench/campaigns') {
    return 'campaigns';
  }
  if (path.startsWith('/workbench/projects/')) {
    return 'project';
  }
  return 'projects';
}

function href(path, query = {}) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') {
      search.set(name, value);
    }
  }
  if (app.lang === 'en') {
    search.set('lang', 'en');
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

function mayRecord() {
  return ['CLERK', 'ADMIN'].includes(app.session.role);
}

function renderFrame() {
  renderHeader(switchLanguageThen(renderView));
  const links = [['projects', '/workbench'], ['register', '/workbench/register'], ['progress', '/workbench/progress'],
    ['ledger', '/workbench/ledger'], ['campaigns', '/workbench/campaigns']]
    .filter(([name]) => mayRecord() || name === 'projects');
  document.getElementById('workbench-nav').replaceChildren(...links.map(([name, path]) =>
    el('a', { href: href(path), id: `nav-${name}`, class: wb.view === name ? 'active' : '',
      'aria-current': wb.view === name ? 'page' : null }, w('nav')[name])));
}

/** The user's subtree as options, each indented by its depth below the user's own region. */
function regionOptions() {
  const depth = code => {
    let levels = 0;
    for (let r = app.regionByCode.get(code); r && r.code !== app.session.regionCode; r = app.regionByCode.get(r.parentCode)) {
      levels += 1;
    }
    return levels;
  };
  return readableRegions().map(r => [r.code, `${'　'.repeat(depth(r.code))}${regionName(r.code)}`]);
}

function industryOptions() {
  return app.industries.map(i => [i.code, industryName(i.code)]);
}

function select(name, options, value, allLabel) {
  return el('select', { name, id: `filter-${name}` },
    allLabel ? el('option', { value: '' }, allLabel) : null,
    options.map(([code, label]) => el('option', { value: code, selected: code === value }, label)));
}

/** Filters in a box a phone may fold away (folded there unless a filter is set); open on wider screens. */
function filterBox(form, query) {
  const set = ['regionCode', 'stage', 'status', 'industry', 'q'].some(name => query[name]);
  return el('details', { class: 'filter-box', open: set || window.innerWidth > 480 },
    el('summary', {}, w('filters').title), form);
}

function latestMilestone(project) {
  let latest = null;
  for (const milestone of MILESTONE_ORDER) {
    const date = project[MILESTONE_FIELDS[milestone]];
    if (date) {
      latest = { milestone, date };
    }
  }
  return latest;
}

/**
 * The alerts of the projects on the page (GET /api/v1/alerts with projectId, beyond the contract: a province's whole
 * list is tens of megabytes): project id → its highest level (RED or YELLOW), for the list's warning mark. Where the
 * alerts are not served yet (a 404), no project has a mark.
 */
async function alertLevels(regionCode, projectIds) {
  if (projectIds.length === 0) {
    return new Map();
  }
  const parameters = new URLSearchParams(regionCode ? { regionCode } : {});
  projectIds.forEach(id => parameters.append('projectId', id));
  try {
    const alerts = await api(`/api/v1/alerts?${parameters}`);
    const levels = new Map();
    for (const alert of alerts) {
      if (levels.get(alert.projectId) !== 'RED') {
        levels.set(alert.projectId, alert.level);
      }
    }
    return levels;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return new Map();
    }
    throw error;
  }
}

// ---- My projects ---------------------------------------------------------------------------------------------

function listQuery() {
  const query = new URLSearchParams(location.search);
  const pick = name => query.get(name) || '';
  const page = Math.max(0, Number.parseInt(query.get('page') || '0', 10) || 0);
  return { regionCode: pick('regionCode'), stage: pick('stage'), status: pick('status'), industry: pick('industry'),
    q: pick('q'), sort: pick('sort') === 'plannedInvestmentYuan' ? 'plannedInvestmentYuan' : '', page };
}

async function showProjects() {
  const query = listQuery();
  const parameters = new URLSearchParams({ page: query.page, size: PAGE_SIZE });
  for (const name of ['regionCode', 'stage', 'status', 'industry', 'q', 'sort']) {
    if (query[name]) {
      parameters.set(name, query[name]);
    }
  }
  // opened right after an import of this page: wait until the query side has what it stored
  const position = new URLSearchParams(location.search).get('awaitPosition');
  if (/^\d{1,18}$/.test(position || '')) {
    parameters.set('awaitPosition', position);
  }
  const list = await api(`/api/v1/projects?${parameters}`);
  wb.list = { query, list, alerts: await alertLevels(query.regionCode, list.items.map(project => project.projectId)) };
  renderProjects();
}

function renderProjects() {
  const { query, list, alerts } = wb.list;
  const filters = w('filters');
  const form = el('form', { class: 'list-filters', id: 'list-filters' },
    el('label', {}, el('span', {}, filters.region), select('regionCode', regionOptions(), query.regionCode, filters.all)),
    el('label', {}, el('span', {}, filters.stage),
      select('stage', Object.entries(t('stages')), query.stage, filters.all)),
    el('label', {}, el('span', {}, filters.status),
      select('status', Object.entries(t('statuses')), query.status, filters.all)),
    el('label', {}, el('span', {}, filters.industry), select('industry', industryOptions(), query.industry, filters.all)),
    el('label', {}, el('span', {}, filters.sort), select('sort', [['', w('sorts').registeredOn],
      ['plannedInvestmentYuan', w('sorts').plannedInvestmentYuan]], query.sort)),
    el('label', { class: 'search' }, el('span', {}, filters.q),
      el('input', { type: 'search', name: 'q', value: query.q, placeholder: filters.qPlaceholder })),
    el('button', { type: 'submit', class: 'primary' }, filters.search));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const next = Object.fromEntries(new FormData(form).entries());
    location.href = href('/workbench', next);
  });
  for (const control of form.querySelectorAll('select')) {
    control.addEventListener('change', () => form.requestSubmit());
  }
  const columns = w('columns');
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const rows = list.items.map(project => {
    const latest = latestMilestone(project);
    return el('tr', { 'data-project-id': project.projectId },
      el('td', { class: 'col-name', 'data-label': columns.name },
        el('a', { href: href(`/workbench/projects/${project.projectId}`) }, project.name),
        el('div', { class: 'investor' }, project.investor)),
      el('td', { 'data-label': columns.region, class: 'col-region', 'data-region': project.regionCode },
        regionName(project.regionCode)),
      el('td', { 'data-label': columns.stage },
        el('span', { class: `stage stage-${project.stage.toLowerCase()}` }, t('stages')[project.stage]),
        project.status === 'ACTIVE' ? null
          : el('span', { class: `status status-${project.status.toLowerCase()}` }, t('statuses')[project.status])),
      el('td', { 'data-label': columns.last }, latest ? `${t('milestones')[latest.milestone]} ${latest.date}` : '—'),
      el('td', { 'data-label': columns.amount, class: 'number' }, yuanToWan(project.plannedInvestmentYuan)),
      el('td', { 'data-label': columns.alert, class: 'col-alert' },
        alerts.has(project.projectId) ? el('span', { class: `alert-mark alert-${alerts.get(project.projectId).toLowerCase()}`,
          title: w('alertMark'), 'data-alert-level': alerts.get(project.projectId) }, '⚠') : ''));
  });
  const pager = el('div', { class: 'pager' },
    el('a', { class: `button${query.page > 0 ? '' : ' disabled'}`, id: 'page-prev',
      href: query.page > 0 ? href('/workbench', { ...query, page: query.page - 1 || null }) : null }, w('prev')),
    el('span', { id: 'page-of' }, w('pageOf')(query.page + 1, pages, list.total)),
    el('a', { class: `button${query.page + 1 < pages ? '' : ' disabled'}`, id: 'page-next',
      href: query.page + 1 < pages ? href('/workbench', { ...query, page: query.page + 1 }) : null }, w('next')));
  const filtered = new URLSearchParams();
  for (const name of ['regionCode', 'stage', 'status', 'industry', 'q']) {
    if (query[name]) {
      filtered.set(name, query[name]);
    }
  }
  const exportLink = kind => el('a', { class: 'button', id: `export-${kind}`, download: true,
    href: `/api/v1/ledger.${kind}${filtered.toString() ? `?${filtered}` : ''}` }, kind === 'xlsx' ? 'Excel' : 'CSV');
  document.getElementById('page').replaceChildren(
    el('section', { class: 'card' },
      el('div', { class: 'card-head' }, el('h2', {}, w('nav').projects),
        el('div', { class: 'exports' }, el('span', {}, w('exportLedger')), exportLink('xlsx'), exportLink('csv'))),
      filterBox(form, query),
      el('table', { class: 'projects worklist', id: 'my-projects' },
        el('thead', {}, el('tr', {}, [columns.name, columns.region, columns.stage, columns.last, columns.amount,
          columns.alert].map(label => el('th', {}, label)))),
        el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: 6, class: 'empty' }, w('noProjects'))))),
      pager));
}

// ---- Register a project --------------------------------------------------------------------------------------

function registrationFields() {
  const f = w('fields');
  return [
    { name: 'name', label: f.name, required: true },
    { name: 'investor', label: f.investor, required: true },
    { name: 'regionCode', label: f.regionCode, kind: 'select', options: regionOptions(), required: true,
      value: app.session.regionCode },
    { name: 'industry', label: f.industry, kind: 'select', options: industryOptions(), required: true },
    { name: 'plannedInvestmentYuan', label: f.plannedInvestmentYuan, kind: 'wan', required: true, hint: w('wanHint') },
    { name: 'projectCode', label: f.projectCode, hint: w('projectCodeHint'), placeholder: '2401-441204-04-01-000001' },
    { name: 'sourceRegion', label: f.sourceRegion },
    { name: 'registeredOn', label: f.registeredOn, kind: 'date', value: todayInBeijing() },
    { name: 'landAreaMu', label: f.landAreaMu, kind: 'decimal' },
    { name: 'expectedJobs', label: f.expectedJobs, kind: 'integer' }
  ];
}

function showRegister() {
  if (!mayRecord()) {
    document.getElementById('page').replaceChildren(el('section', { class: 'card' }, notice('refused', w('readOnly'))));
    return;
  }
  const result = el('div', { id: 'register-result' });
  const form = commandForm({
    action: 'register',
    fields: registrationFields(),
    submitLabel: w('register'),
    send: (values, key) => sendCommand('/api/v1/projects', jsonBody(values), key, null),
    done: answer => {
      const name = form.querySelector('[name="name"]').value;
      form.hidden = true;
      result.replaceChildren(notice('ok', w('registered')(name), ' ',
        el('a', { href: href(`/workbench/projects/${answer.answer.projectId}`, { awaitPosition: answer.answer.position }),
          id: 'open-registered' }, w('openProject')),
        ' · ', el('a', { href: href('/workbench/register') }, w('registerAnother'))));
    }
  });
  document.getElementById('page').replaceChildren(
    el('section', { class: 'card form-card' }, el('h2', {}, w('registerTitle')), result, form));
}

// ---- A project -----------------------------------------------------------------------------------------------

function projectId() {
  return decodeURIComponent(location.pathname.split('/').pop());
}

async function loadProject(position) {
  const id = encodeURIComponent(projectId());
  const wait = position ? `?awaitPosition=${position}` : '';
  [wb.project, wb.history] = await Promise.all([api(`/api/v1/projects/${id}${wait}`),
    api(`/api/v1/projects/${id}/history${wait}`)]);
}

async function showProject() {
  // opened right after a command of this page (the registration's link): wait until the query side has it
  const position = new URLSearchParams(location.search).get('awaitPosition');
  await loadProject(/^\d{1,18}$/.test(position || '') ? position : null);
  renderProject();
}

function mayRecordOn(project) {
  return app.session.role === 'ADMIN'
    || (app.session.role === 'CLERK' && readableRegions().some(r => r.code === project.regionCode));
}

/** The commands of the contract the project's state allows (the command side has the last word). */
function allowedActions(project) {
  if (project.status === 'VOIDED') {
    return [];
  }
  if (project.status === 'CANCELLED') {
    return ['correct-details'];
  }
  const actions = [];
  if (project.status === 'SUSPENDED') {
    actions.push('resume');
  } else {
    if (!project.signedOn) {
      actions.push('sign');
    } else if (!project.constructionStartedOn) {
      actions.push('start-construction');
    } else {
      if (!project.constructionCompletedOn) {
        actions.push('complete-construction');
      }
      if (!project.productionStartedOn) {
        actions.push('start-production');
      }
    }
    actions.push('report-progress', 'revise-investment', 'suspend');
  }
  actions.push('correct-details', 'correct-milestone', 'cancel', 'void');
  return actions;
}

function actionFields(action, project) {
  const f = w('fields');
  const today = todayInBeijing();
  const reason = { name: 'reason', label: f.reason, kind: 'textarea', required: true };
  switch (action) {
    case 'sign': return [{ name: 'signedOn', label: f.signedOn, kind: 'date', value: today, required: true },
      { name: 'contractedInvestmentYuan', label: f.contractedInvestmentYuan, kind: 'wan' }];
    case 'start-construction': return [
      { name: 'startedOn', label: f.constructionStartedOn, kind: 'date', value: today, required: true }];
    case 'complete-construction': return [
      { name: 'completedOn', label: f.completedOn, kind: 'date', value: today, required: true }];
    case 'start-production': return [
      { name: 'startedOn', label: f.productionStartedOn, kind: 'date', value: today, required: true },
      { name: 'scope', label: f.scope, kind: 'select', options: Object.entries(w('scopes')), required: true }];
    case 'revise-investment': return [{ name: 'plannedInvestmentYuan', label: f.newPlanned, kind: 'wan',
      value: yuanToWan(project.plannedInvestmentYuan), required: true }, reason];
    case 'report-progress': return [{ name: 'asOf', label: f.asOf, kind: 'date', value: today, required: true },
      { name: 'completedInvestmentYuan', label: f.completedInvestmentYuan, kind: 'wan' },
      { name: 'constructionProgressPercent', label: f.constructionProgressPercent, kind: 'percent' },
      { name: 'fundsInPlaceYuan', label: f.fundsInPlaceYuan, kind: 'wan' }];
    case 'resume': return [{ ...reason, required: false }];
    case 'correct-details': return [
      { name: 'name', label: f.name, value: project.name, current: project.name, required: true },
      { name: 'investor', label: f.investor, value: project.investor, current: project.investor, required: true },
      { name: 'industry', label: f.industry, kind: 'select', options: industryOptions(), value: project.industry,
        current: industryName(project.industry), required: true },
      { name: 'regionCode', label: f.regionCode, kind: 'select', options: regionOptions(), value: project.regionCode,
        current: regionName(project.regionCode), required: true },
      { name: 'projectCode', label: f.projectCode, value: project.projectCode, current: project.projectCode },
      { name: 'sourceRegion', label: f.sourceRegion, value: project.sourceRegion, current: project.sourceRegion },
      reason];
    case 'correct-milestone': return [
      { name: 'milestone', label: f.milestone, kind: 'select', required: true,
        options: MILESTONE_ORDER.filter(m => project[MILESTONE_FIELDS[m]]).map(m => [m, t('milestones')[m]]) },
      { name: 'date', label: f.date, kind: 'date', required: true }, reason];
    default: return [reason];
  }
}

const DETAIL_FIELDS = ['name', 'investor', 'industry', 'regionCode', 'projectCode', 'sourceRegion'];

/** What a command's form sends: for correct-details only the fields that differ from the project, else all of them. */
function commandBody(action, values, project) {
  if (action !== 'correct-details') {
    return { body: values, errors: [] };
  }
  const body = { reason: values.reason };
  const errors = [];
  for (const name of DETAIL_FIELDS) {
    const typed = values[name] || '';
    if (typed === (project[name] || '')) {
      continue;
    }
    if (typed === '') {
      errors.push({ field: name, message: w('cannotClear') });
    } else {
      body[name] = typed;
    }
  }
  if (!errors.length && Object.keys(body).length === 1) {
    errors.push({ field: null, message: w('nothingCorrected') });
  }
  return { body, errors };
}

/** The 412 answer in plain words: nothing was stored, and the entries recorded since the version shown. */
async function staleNotice(shownVersion) {
  // the 412 comes from the command side; the record of what changed may reach the query side a moment later
  for (let attempt = 0; attempt < 20; attempt++) {
    await loadProject();
    // the project and its record are projected apart: wait until the record has what the project says
    if (wb.project.version > shownVersion && wb.history.some(entry => entry.version === wb.project.version)) {
      break;
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  const changes = wb.history.filter(entry => entry.version > shownVersion);
  return notice('refused', el('p', { class: 'stale' }, w('stale')(wb.project.version)),
    el('ol', { class: 'timeline changes' }, ...recordEntries(changes, new Set(changes.map(e => e.version)))),
    el('button', { type: 'button', id: 'reload-project', class: 'secondary', onclick: () => {
      wb.notice = null;
      wb.openAction = null;
      renderProject();
    } }, w('reload')));
}

function actionPanel(project) {
  if (!mayRecordOn(project)) {
    return el('section', { class: 'card actions-card' }, el('p', { class: 'note' }, w('readOnly')));
  }
  const actions = allowedActions(project);
  const label = action => w('actions')[action];
  const openers = el('div', { class: 'action-buttons' }, actions.map(action =>
    el('button', { type: 'button', class: `opener${wb.openAction === action ? ' active' : ''}`,
      'data-opens': action, onclick: () => {
        wb.openAction = wb.openAction === action ? null : action;
        wb.notice = null;
        renderProject();
      } }, label(action))));
  const shownVersion = project.version;
  const form = wb.openAction && actions.includes(wb.openAction) ? commandForm({
    action: wb.openAction,
    fields: actionFields(wb.openAction, project),
    validate: values => commandBody(wb.openAction, values, project).errors,
    send: (values, key) => sendCommand(`/api/v1/projects/${encodeURIComponent(project.projectId)}/${wb.openAction}`,
      jsonBody(commandBody(wb.openAction, values, project).body), key, shownVersion),
    done: async result => {
      const action = wb.openAction;
      await loadProject(result.answer.position);
      wb.openAction = null;
      wb.notice = notice('ok', w('stored')(label(action)).replace('{v}', result.answer.version));
      renderProject();
    },
    refused: result => {
      if (result.status !== 412) {
        return null;
      }
      const slot = el('div', { class: 'stale-slot' });
      staleNotice(shownVersion).then(node => slot.replaceWith(node));
      return slot;
    },
    onClose: () => {
      wb.openAction = null;
      renderProject();
    }
  }) : null;
  return el('section', { class: 'card actions-card' },
    el('h2', {}, w('actionsTitle')),
    actions.length ? openers : el('p', { class: 'note' }, w('ended')),
    form ? el('div', { class: 'action-form' }, el('h3', {}, label(wb.openAction)),
      wb.openAction === 'correct-details' ? el('p', { class: 'note' }, w('correctHint')) : null, form) : null);
}

function renderProject() {
  const project = wb.project;
  const root = document.getElementById('page');
  root.dataset.projectId = project.projectId;
  root.dataset.version = project.version;
  const versions = new Set(wb.history.map(entry => entry.version));
  root.replaceChildren(...[
    el('a', { class: 'back', href: href('/workbench') }, w('back')),
    wb.notice,
    el('section', { class: 'card project', id: 'project' },
      ...projectCard(project, project, asKnown(wb.history).progress, wb.history)),
    actionPanel(project),
    el('section', { class: 'card' }, el('h2', { id: 'timeline-title' }, t('project').timeline),
      el('ol', { id: 'timeline', class: 'timeline' }, ...recordEntries(wb.history, versions)))].filter(Boolean));
  const opened = root.querySelector('.action-form [name]');
  if (opened) {
    opened.focus({ preventScroll: true });
  }
}

// ---- Monthly progress ----------------------------------------------------------------------------------------

async function showProgress() {
  const query = listQuery();
  const parameters = new URLSearchParams({ stage: 'UNDER_CONSTRUCTION', status: 'ACTIVE', page: query.page,
    size: GRID_SIZE });
  for (const name of ['regionCode', 'q']) {
    if (query[name]) {
      parameters.set(name, query[name]);
    }
  }
  const list = await api(`/api/v1/projects?${parameters}`);
  // the list carries no progress: each row's last report comes from its record
  const histories = await Promise.all(list.items.map(p => api(`/api/v1/projects/${p.projectId}/history`)));
  const rows = list.items.map((project, i) => {
    const known = asKnown(histories[i]);
    // funds in place are cumulative: a report without them leaves the last amount standing
    const last = known.progress ? { ...known.progress, fundsInPlaceYuan: known.fundsInPlaceYuan } : null;
    return { project, last, key: newIdempotencyKey() };
  });
  renderProgress(query, list, rows);
}

/** The grid's typed columns: the report's field, its column's label key, its kind. */
const GRID_FIELDS = [['completedInvestmentYuan', 'completed', 'wan'],
  ['constructionProgressPercent', 'percent', 'percent'], ['fundsInPlaceYuan', 'funds', 'wan']];

function lastReportText(last) {
  const wan = yuan => (yuan != null ? yuanToWan(yuan) : null);
  return last ? w('lastReport')(last.constructionProgressPercent, last.asOf, wan(last.completedInvestmentYuan),
    wan(last.fundsInPlaceYuan)) : w('noReport');
}

function progressRow(row) {
  const labels = w('progressColumns');
  const { project, last } = row;
  const input = (name, column, kind, value) => el('input', { type: 'text', name, 'data-kind': kind,
    value: value || '', inputmode: kind === 'date' ? 'numeric' : 'decimal', autocomplete: 'off',
    'aria-label': `${project.name} ${labels[column]}`, 'data-initial': value || '' });
  const tr = el('tr', { 'data-project-id': project.projectId, 'data-version': project.version,
    'data-region': project.regionCode },
    el('td', { class: 'col-name', 'data-label': labels.name },
      el('a', { href: href(`/workbench/projects/${project.projectId}`) }, project.name),
      el('div', { class: 'investor' }, regionName(project.regionCode))),
    el('td', { 'data-label': labels.last, class: 'last-report' }, lastReportText(last)),
    GRID_FIELDS.map(([name, column, kind]) => el('td', { 'data-label': labels[column] }, input(name, column, kind, ''))),
    el('td', { 'data-label': labels.asOf }, input('asOf', 'asOf', 'date', todayInBeijing())),
    el('td', { 'data-label': labels.result, class: 'row-result' }));
  return tr;
}

function changed(tr) {
  return GRID_FIELDS.some(([name]) => {
    const input = tr.querySelector(`[name="${name}"]`);
    return input.value.trim() !== input.dataset.initial;
  });
}

async function saveRow(tr, row) {
  const result = tr.querySelector('.row-result');
  const { values, errors } = readForm(tr);
  showFieldErrors(tr, errors);
  if (errors.length) {
    result.replaceChildren(notice('refused', errors.map(e => e.message).join('；')));
    return false;
  }
  const answer = await sendCommand(`/api/v1/projects/${encodeURIComponent(row.project.projectId)}/report-progress`,
    jsonBody(values), row.key, row.project.version);
  if (!answer.ok) {
    showFieldErrors(tr, answer.answer && answer.answer.errors);
    result.replaceChildren(notice('refused', refusalText(answer)));
    tr.classList.add('refused');
    return false;
  }
  row.project.version = answer.answer.version;
  row.key = newIdempotencyKey();
  tr.dataset.version = answer.answer.version;
  tr.classList.remove('refused');
  tr.classList.add('stored');
  const typed = name => (values[name] ? values[name].text : null);
  row.last = { asOf: values.asOf, constructionProgressPercent: typed('constructionProgressPercent'),
    completedInvestmentYuan: typed('completedInvestmentYuan'),
    fundsInPlaceYuan: typed('fundsInPlaceYuan') || (row.last && row.last.fundsInPlaceYuan) };
  tr.querySelector('.last-report').textContent = lastReportText(row.last);
  for (const [name] of GRID_FIELDS) {
    tr.querySelector(`[name="${name}"]`).value = '';
  }
  result.replaceChildren(notice('ok', w('rowStored')));
  return true;
}

function renderProgress(query, list, rows) {
  const labels = w('progressColumns');
  const summary = el('div', { id: 'grid-summary' });
  const trs = rows.map(progressRow);
  const save = el('button', { type: 'submit', class: 'primary', 'data-action': 'report-progress', id: 'save-grid' },
    w('save'));
  const grid = el('form', { class: 'progress-grid', id: 'progress-grid', novalidate: true },
    el('table', { class: 'projects grid' },
      el('thead', {}, el('tr', {}, [labels.name, labels.last, ...GRID_FIELDS.map(([, column]) => labels[column]),
        labels.asOf, labels.result].map(label => el('th', {}, label)))),
      el('tbody', {}, trs.length ? trs : el('tr', {}, el('td', { colspan: GRID_FIELDS.length + 4, class: 'empty' },
        w('noUnderConstruction'))))),
    el('div', { class: 'form-buttons' }, save));
  // like a spreadsheet: Enter moves down the column
  grid.addEventListener('keydown', event => {
    if (event.key !== 'Enter' || !event.target.name) {
      return;
    }
    event.preventDefault();
    const next = event.target.closest('tr').nextElementSibling;
    const below = next && next.querySelector(`[name="${event.target.name}"]`);
    (below || save).focus();
  });
  grid.addEventListener('submit', async event => {
    event.preventDefault();
    if (save.disabled) {
      return;
    }
    const pending = rows.map((row, i) => [trs[i], row]).filter(([tr]) => changed(tr));
    if (!pending.length) {
      summary.replaceChildren(notice('ok', w('nothingChanged')));
      return;
    }
    save.disabled = true;
    save.textContent = w('sending');
    const outcomes = await Promise.all(pending.map(([tr, row]) => saveRow(tr, row)));
    save.disabled = false;
    save.textContent = w('save');
    const stored = outcomes.filter(Boolean).length;
    summary.replaceChildren(notice(stored === outcomes.length ? 'ok' : 'refused',
      w('summary')(stored, outcomes.length - stored)));
  });
  const filter = el('form', { class: 'list-filters' },
    el('label', {}, el('span', {}, w('filters').region), select('regionCode', regionOptions(), query.regionCode,
      w('filters').all)),
    el('label', { class: 'search' }, el('span', {}, w('filters').q),
      el('input', { type: 'search', name: 'q', value: query.q, placeholder: w('filters').qPlaceholder })),
    el('button', { type: 'submit', class: 'secondary' }, w('filters').search));
  filter.addEventListener('submit', event => {
    event.preventDefault();
    location.href = href('/workbench/progress', Object.fromEntries(new FormData(filter).entries()));
  });
  const pages = Math.max(1, Math.ceil(list.total / GRID_SIZE));
  document.getElementById('page').replaceChildren(
    el('section', { class: 'card' },
      el('h2', {}, w('progressTitle')),
      el('p', { class: 'note' }, w('progressHint')),
      filterBox(filter, query), summary, grid,
      pages > 1 ? el('div', { class: 'pager' },
        el('a', { class: `button${query.page > 0 ? '' : ' disabled'}`,
          href: query.page > 0 ? href('/workbench/progress', { ...query, page: query.page - 1 || null }) : null },
        w('prev')),
        el('span', {}, w('pageOf')(query.page + 1, pages, list.total)),
        el('a', { class: `button${query.page + 1 < pages ? '' : ' disabled'}`,
          href: query.page + 1 < pages ? href('/workbench/progress', { ...query, page: query.page + 1 }) : null },
        w('next'))) : null));
}

// ---- Import a ledger -----------------------------------------------------------------------------------------

/** What the ledger page shows: the last dry run's answer, or the status of an apply; kept across a language switch. */
const ledgerState = { dryRun: null, status: null, failure: null };

function showLedger() {
  if (!mayRecord()) {
    document.getElementById('page').replaceChildren(el('section', { class: 'card' }, notice('refused', w('readOnly'))));
    return;
  }
  const texts = w('ledger');
  const messages = el('div', { class: 'form-messages' });
  const button = (mode, label, kind) => el('button', { type: 'submit', class: kind, name: 'mode', value: mode,
    'data-action': 'imports', id: `ledger-${mode}` }, label);
  const buttons = [button('dry-run', texts.dryRun, 'secondary'), button('apply', texts.apply, 'primary')];
  const form = el('form', { class: 'ledger-form', id: 'ledger-form', novalidate: true },
    el('div', { class: 'field field-file' },
      el('label', { for: 'ledger-file' }, texts.file),
      el('input', { type: 'file', id: 'ledger-file', name: 'file', required: true,
        accept: '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv' }),
      el('div', { class: 'field-error', 'data-error-for': 'file', hidden: true })),
    el('div', { class: 'field field-checkbox' },
      el('label', { class: 'checkbox' }, el('input', { type: 'checkbox', name: 'corrections', value: 'true',
        id: 'ledger-corrections' }), ` ${texts.corrections}`),
      el('div', { class: 'hint' }, texts.correctionsHint)),
    messages,
    el('div', { class: 'form-buttons' }, buttons));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    if (buttons.some(b => b.disabled)) {
      return;
    }
    const file = form.querySelector('[name=file]').files[0];
    const missing = file ? [] : [{ field: 'file', message: texts.noFile }];
    showFieldErrors(form, missing);
    messages.replaceChildren(...missing.map(problem => notice('refused', problem.message)));
    if (!file) {
      return;
    }
    const mode = event.submitter && event.submitter.value === 'apply' ? 'apply' : 'dry-run';
    const body = new FormData();
    body.set('file', file);
    body.set('mode', mode);
    body.set('corrections', form.querySelector('[name=corrections]').checked ? 'true' : 'false');
    buttons.forEach(b => { b.disabled = true; });
    const result = await postFromPage('/api/v1/ledger/imports', body);
    Object.assign(ledgerState, { dryRun: null, status: null, failure: null });
    if (!result.ok) {
      buttons.forEach(b => { b.disabled = false; });
      showFieldErrors(form, result.answer && result.answer.errors);
      messages.replaceChildren(notice('refused', refusalText(result)));
      drawLedgerResult();
      return;
    }
    if (mode === 'dry-run') {
      ledgerState.dryRun = result.answer;
      buttons.forEach(b => { b.disabled = false; });
      drawLedgerResult();
      return;
    }
    await followImport(result.answer.importId);
    buttons.forEach(b => { b.disabled = false; });
  });
  document.getElementById('page').replaceChildren(
    el('section', { class: 'card form-card' }, el('h2', {}, texts.title), el('p', { class: 'note' }, texts.hint),
      el('p', {}, el('a', { id: 'ledger-template', href: '/api/v1/ledger/template.xlsx', download: '' },
        texts.template)), form),
    el('div', { id: 'ledger-result' }));
  drawLedgerResult();
}

/** Reads an apply's status every second until it is DONE or FAILED, drawing its progress each time. */
async function followImport(importId) {
  for (;;) {
    try {
      ledgerState.status = await api(`/api/v1/ledger/imports/${encodeURIComponent(importId)}`);
    } catch (error) {
      ledgerState.failure = error.message;
      drawLedgerResult();
      return;
    }
    drawLedgerResult();
    if (ledgerState.status.status !== 'RUNNING') {
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

function countsList(counts) {
  const labels = w('ledger').counts;
  return el('dl', { class: 'ledger-counts' }, Object.entries(counts).map(([name, value]) =>
    el('div', { 'data-count': name }, el('dt', {}, labels[name]), el('dd', {}, String(value)))));
}

function ledgerTable(id, headings, rows, empty) {
  return rows.length ? el('table', { class: 'projects ledger-table', id },
    el('thead', {}, el('tr', {}, headings.map(heading => el('th', {}, heading)))),
    el('tbody', {}, rows.map(cells => el('tr', {}, cells.map((cell, i) =>
      el('td', { 'data-label': headings[i] }, cell))))))
    : el('p', { class: 'note', id }, empty);
}

function problemsTable(problems) {
  const texts = w('ledger');
  return [el('h3', {}, texts.problemsTitle), ledgerTable('ledger-problems',
    [texts.columns.row, texts.columns.column, texts.columns.message],
    problems.map(problem => [String(problem.row), ledgerColumn(problem.column), problem.message]), texts.noProblems)];
}

/** The contract's Chinese ledger headers by column key: a problem names its column as the spreadsheet does. */
const LEDGER_HEADERS = {
  projectId: '系统编号', projectCode: '项目代码', name: '项目名称', investor: '投资方', regionCode: '区域代码',
  regionName: '所在区域', industry: '行业代码', industryName: '行业', plannedInvestmentWan: '计划总投资（万元）',
  sourceRegion: '项目来源地', registeredOn: '入库日期', signedOn: '签约日期', constructionStartedOn: '开工日期',
  constructionCompletedOn: '竣工日期', productionStartedOn: '投产日期', productionScope: '投产范围',
  completedInvestmentWan: '累计完成投资（万元）', constructionProgressPercent: '形象进度（%）',
  fundsInPlaceWan: '到位资金（万元）', progressAsOf: '进度截至', version: '版本'
};

function ledgerColumn(key) {
  if (!key) {
    return '—';
  }
  return app.lang === 'zh' && LEDGER_HEADERS[key] ? LEDGER_HEADERS[key] : key;
}

function commandLabel(command) {
  return command === 'register' ? w('register') : w('actions')[command] || command;
}

function drawLedgerResult() {
  const slot = document.getElementById('ledger-result');
  if (!slot) {
    return;
  }
  const texts = w('ledger');
  const { dryRun, status, failure } = ledgerState;
  const parts = [];
  if (failure) {
    parts.push(notice('refused', texts.lost + failure));
  }
  if (dryRun) {
    parts.push(notice('ok', texts.dryRunDone),
      countsList({ rows: dryRun.rows, unchanged: dryRun.unchanged, changed: dryRun.changed,
        problems: dryRun.rows - dryRun.unchanged - dryRun.changed }),
      dryRun.ignoredColumns && dryRun.ignoredColumns.length
        ? el('p', { class: 'note', id: 'ledger-ignored' }, texts.ignored(dryRun.ignoredColumns)) : null,
      el('h3', {}, texts.planTitle),
      ledgerTable('ledger-plan', [texts.columns.row, texts.columns.project, texts.columns.commands],
        dryRun.plan.map(entry => [String(entry.row),
          entry.projectId ? el('a', { href: href(`/workbench/projects/${entry.projectId}`) },
            entry.projectCode || entry.projectId) : texts.newProject(entry.projectCode),
          entry.commands.map(commandLabel).join(' → ')]), texts.nothingPlanned),
      ...problemsTable(dryRun.problems));
  }
  if (status) {
    const finished = status.status !== 'RUNNING';
    parts.push(
      el('div', { class: 'ledger-progress', id: 'ledger-progress', 'data-status': status.status },
        el('progress', { max: Math.max(status.rows, 1), value: status.done }),
        el('span', { 'aria-live': 'polite' }, `${status.done} / ${status.rows}`)),
      finished ? notice(status.status === 'DONE' ? 'ok' : 'refused', texts.statuses[status.status], ' ',
        el('a', { id: 'ledger-to-projects', href: href('/workbench', { awaitPosition: status.position }) },
          texts.toProjects), ' · ',
        el('a', { id: 'ledger-report', download: '',
          href: `/api/v1/ledger/imports/${encodeURIComponent(status.importId)}/report.xlsx` }, texts.report))
        : el('p', { class: 'note' }, texts.statuses.RUNNING),
      countsList({ rows: status.rows, done: status.done, applied: status.applied, unchanged: status.unchanged,
        failed: status.failed }),
      ...(finished ? problemsTable(status.problems) : []));
  }
  slot.replaceChildren(...(parts.length ? [el('section', { class: 'card', id: 'ledger-outcome' },
    ...parts.filter(Boolean))] : []));
}

// ---- start ---------------------------------------------------------------------------------------------------

const VIEWS = { projects: showProjects, register: showRegister, project: showProject, progress: showProgress,
  ledger: showLedger, campaigns: showCampaigns };
const RENDERS = { projects: renderProjects, register: showRegister, project: renderProject, progress: showProgress,
  ledger: showLedger, campaigns: renderCampaigns };

/** After a language switch: draw again what is loaded (the grid and an open form start again in the new language). */
function renderView() {
  renderFrame();
  const loaded = wb.view === 'projects' ? wb.list : wb.view === 'project' ? wb.project : true;
  if (loaded) {
    RENDERS[wb.view]();
  }
}

async function start() {
  wb.view = route();
  document.body.classList.add(`workbench-${wb.view}`);
  try {
    await loadSession();
    renderFrame();
    await VIEWS[wb.view]();
    document.body.dataset.state = 'ready';
  } catch (error) {
    renderFrame();
    showError(error);
  }
}

start();
