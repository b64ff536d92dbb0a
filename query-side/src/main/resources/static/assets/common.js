// Shared by the dashboard and the project page: language, formats, the signed-in session, calls to the query API.
// Every figure comes from the contract's endpoints under /api/v1; nothing here computes a statistic of its own.
'use strict';

const TEXT = {
  zh: {
    appTitle: '招商引资项目监测平台',
    appSubtitle: '工业投资项目全周期跟踪',
    signOut: '退出',
    region: '区域',
    period: '时段',
    industry: '行业',
    allIndustries: '全部行业',
    asOf: '数据截至',
    asOfNow: '当前',
    asOfHint: '按当日日终（北京时间）已记录的数据重算',
    asOfBanner: d => `以下数字为截至 ${d} 日终（北京时间）系统已知的情况`,
    year: '年度', half: '半年', quarter: '季度', month: '月度', custom: '自定义',
    halfNames: ['上半年', '下半年'],
    quarterNames: ['一季度', '二季度', '三季度', '四季度'],
    monthName: m => `${m}月`,
    yearName: y => `${y}年`,
    from: '起', to: '止', apply: '应用',
    tiles: {
      SIGNED: '签约项目', CONSTRUCTION_STARTED: '开工项目', CONSTRUCTION_COMPLETED: '竣工项目',
      PRODUCTION_STARTED: '投产项目'
    },
    projectsUnit: '个',
    projectsCount: n => `${formatInteger(n, 'zh')} 个`,
    amountBasis: '金额口径：计划总投资（签约后以合同投资额为准，含后续调整），单位亿元；按里程碑日期统计，'
      + '期内签约后取消的项目计入，作废项目不计入。',
    funnel: '签约项目转化（本期签约项目）',
    funnelStages: { SIGNED: '签约', CONSTRUCTION_STARTED: '开工', PRODUCTION_STARTED: '投产' },
    startRate: '开工率', productionRate: '投产率',
    rateNote: '开工率、投产率 = 本期签约项目中至今已开工、已投产的比例',
    fundsRate: '资金到位率',
    fundsRateHint: '资金到位率 = 本期签约项目至今报告的累计到位资金 ÷ 其计划总投资（到位资金只有当前数，选择“数据截至”过去日期时不显示）',
    alerts: '预警项目',
    alertsNote: '按今日情况计算，与所选时段无关；点击数字查看清单',
    alertLevels: { RED: '红色预警', YELLOW: '黄色预警' },
    alertRules: { NOT_STARTED: '签约未开工', NO_PROGRESS_REPORT: '在建未报进度', SUSPENDED_LONG: '长期暂停' },
    alertColumns: { name: '项目名称', region: '所在区域', rule: '预警类型', since: '预警起始', detail: '说明' },
    noAlerts: '本区域暂无预警项目',
    alertsFirstOnly: (shown, total) => `仅列出预警时间最长的 ${formatInteger(shown, 'zh')} 个，共 ${formatInteger(total, 'zh')} 个`,
    trend: '季度趋势',
    trendSeries: { SIGNED: '签约项目数（个）', CONSTRUCTION_STARTED: '开工项目数（个）', PRODUCTION_STARTED: '投产项目数（个）',
      amount: '签约投资额（亿元，右轴）' },
    byRegion: '下级区域签约情况',
    byRegionHint: '点击柱条进入下级区域',
    noChildren: '本区域无下级区域',
    byIndustry: '分行业签约情况',
    largest: '本期签约投资额最大的项目',
    columns: { name: '项目名称', investor: '投资方', region: '所在区域', industry: '行业', signedOn: '签约日期',
      stage: '当前阶段', amount: '计划投资（亿元）' },
    noProjects: '本期无签约项目',
    largestNotAsOf: '项目清单只反映当前情况，选择“数据截至”过去日期时不显示。',
    exportLedger: '导出本区域全部项目台账（Excel，按所选行业）',
    loading: '正在加载…',
    refreshedAt: time => `数据更新于 ${time}`,
    defaultPeriod: label => `未指定时段，显示本区域有数据的最近年度：${label}`,
    regionItself: '本级',
    regionItselfHint: '直接登记在本区域（不属任何下级区域）的项目',
    noIndustry: '本期无签约项目，暂无行业分布',
    noSigned: '本期无签约项目',
    amountAxis: '亿元',
    datePlaceholder: 'YYYY-MM-DD',
    wallMode: '大屏模式',
    publications: '已发布数据',
    wallExit: '退出大屏',
    stages: { REGISTERED: '已登记', SIGNED: '已签约', UNDER_CONSTRUCTION: '在建', CONSTRUCTED: '已竣工',
      IN_PRODUCTION: '已投产' },
    statuses: { ACTIVE: '正常推进', SUSPENDED: '暂停', CANCELLED: '已取消', VOIDED: '已作废' },
    roles: { ADMIN: '管理员', LEADER: '领导', AUDITOR: '审计', CLERK: '经办人' },
    sessionExpired: '登录已失效，请重新登录。',
    signInAgain: '重新登录',
    failed: '数据加载失败：',
    back: '返回仪表盘',
    project: {
      title: '项目详情', code: '项目代码', investor: '投资方', region: '所在区域', industry: '行业',
      source: '投资来源地', amount: '计划投资', stage: '当前阶段', status: '状态', milestones: '里程碑',
      timeline: '项目记录（按记录先后）', progress: '最新进度', fundsInPlace: '累计到位资金',
      progressValue: (percent, asOf, completed) => `${percent != null ? `${percent}%` : '—'}（截至 ${asOf}${completed ? `，累计完成投资 ${completed}` : ''}）`, version: '第 {v} 条', recordedAt: '记录时间', actor: '记录人',
      recordedLater: '此日期之后记录', correction: '更正', reason: '原因', notReached: '—',
      notYetKnown: '所选日期时本项目尚未录入系统。'
    },
    milestones: { REGISTERED: '登记', SIGNED: '签约', CONSTRUCTION_STARTED: '开工',
      CONSTRUCTION_COMPLETED: '竣工', PRODUCTION_STARTED: '投产' },
    events: {
      ProjectRegisteredEvent: '项目登记', ProjectSignedEvent: '项目签约', ConstructionStartedEvent: '开工建设',
      ConstructionCompletedEvent: '竣工', ProductionStartedEvent: '投产', PlannedInvestmentRevisedEvent: '调整计划投资',
      ProgressReportedEvent: '报送进度', ProjectSuspendedEvent: '暂停', ProjectResumedEvent: '恢复推进',
      ProjectCancelledEvent: '取消', ProjectVoidedEvent: '作废（录入错误）', MilestoneDateCorrectedEvent: '更正里程碑日期',
      ProjectDetailsCorrectedEvent: '更正登记信息'
    },
    eventDetail: {
      registeredOn: '登记日期', signedOn: '签约日期', constructionOn: '开工日期', productionOn: '投产日期',
      completedOn: '竣工日期',
      contractedInvestmentYuan: '合同投资额', plannedInvestmentYuan: '计划投资', completedInvestmentYuan: '累计完成投资', fundsInPlaceYuan: '累计到位资金',
      constructionProgressPercent: '形象进度', asOf: '截至', scope: '投产范围', reason: '原因',
      PARTIAL: '部分投产', FULL: '全面投产', correctedFrom: (m, a, b) => `${m}日期由 ${a} 更正为 ${b}`,
      name: '项目名称', investor: '投资方', industry: '行业', regionCode: '所在区域', projectCode: '项目代码',
      sourceRegion: '投资来源地', changed: (label, a, b) => `${label}：${a} → ${b}`
    },
    dashboardNeedsRole: '仪表盘供领导、审计和管理员使用；请在工作台办理项目。',
    toWorkbench: '工作台',
    toDashboard: '仪表盘',
    toAudit: '审计台',
    toAccounts: '账号管理'
  },
  en: {
    appTitle: 'Investment Project Monitor',
    appSubtitle: 'Industrial projects from signing to production',
    signOut: 'Sign out',
    region: 'Region',
    period: 'Period',
    industry: 'Industry',
    allIndustries: 'All industries',
    asOf: 'As known on',
    asOfNow: 'Now',
    asOfHint: 'Recomputed from what was recorded by the end of that day (Beijing time)',
    asOfBanner: d => `Figures as the system knew them at the end of ${d} (Beijing time)`,
    year: 'Year', half: 'Half-year', quarter: 'Quarter', month: 'Month', custom: 'Custom',
    halfNames: ['H1', 'H2'],
    quarterNames: ['Q1', 'Q2', 'Q3', 'Q4'],
    monthName: m => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1],
    yearName: y => `${y}`,
    from: 'From', to: 'To', apply: 'Apply',
    tiles: {
      SIGNED: 'Signed', CONSTRUCTION_STARTED: 'Construction started', CONSTRUCTION_COMPLETED: 'Completed',
      PRODUCTION_STARTED: 'In production'
    },
    projectsUnit: 'projects',
    projectsCount: n => `${formatInteger(n, 'en')} ${n === 1 ? 'project' : 'projects'}`,
    amountBasis: 'Amounts: planned investment in RMB (the contracted amount once signed, after any revision); '
      + 'counted by milestone date; projects cancelled later still count, voided ones never do.',
    funnel: 'Conversion of the period\'s signed projects',
    funnelStages: { SIGNED: 'Signed', CONSTRUCTION_STARTED: 'Started', PRODUCTION_STARTED: 'In production' },
    startRate: 'Started', productionRate: 'In production',
    rateNote: 'Share of the period\'s signed projects that have since started construction / production',
    fundsRate: 'Funds in place',
    fundsRateHint: 'Funds in place = cumulative funds arrived so far, as reported, over the planned investment of the '
      + 'period\'s signed projects (known for today only: not shown for a past "as known on" date)',
    alerts: 'Projects under alert',
    alertsNote: 'As of today, whatever the period; click a number for the list',
    alertLevels: { RED: 'Red', YELLOW: 'Yellow' },
    alertRules: { NOT_STARTED: 'Signed, not started', NO_PROGRESS_REPORT: 'No progress report',
      SUSPENDED_LONG: 'Suspended for long' },
    alertColumns: { name: 'Project', region: 'Region', rule: 'Alert', since: 'Since', detail: 'Detail' },
    noAlerts: 'No project of this region is under alert',
    alertsFirstOnly: (shown, total) => `Showing the ${formatInteger(shown, 'en')} longest-standing of ${formatInteger(total, 'en')}`,
    trend: 'Quarterly trend',
    trendSeries: { SIGNED: 'Signed projects', CONSTRUCTION_STARTED: 'Construction starts',
      PRODUCTION_STARTED: 'Production starts', amount: 'Signed investment (RMB bn, right axis)' },
    byRegion: 'Signed by sub-region',
    byRegionHint: 'Click a bar to drill down',
    noChildren: 'This region has no sub-regions',
    byIndustry: 'Signed by industry',
    largest: 'Largest projects signed in the period',
    columns: { name: 'Project', investor: 'Investor', region: 'Region', industry: 'Industry', signedOn: 'Signed',
      stage: 'Stage', amount: 'Planned investment' },
    noProjects: 'No project signed in the period',
    largestNotAsOf: 'The project list shows the present only; it is left out for a past "as known on" date.',
    exportLedger: 'Export the ledger of every project of the region (Excel, for the industry chosen)',
    loading: 'Loading…',
    refreshedAt: time => `Updated ${time}`,
    defaultPeriod: label => `No period chosen: the latest year with data for this region, ${label}`,
    regionItself: 'Region itself',
    regionItselfHint: 'Projects registered at this region itself, not in any sub-region',
    noIndustry: 'No project signed in the period, so no industries to show',
    noSigned: 'No project signed in the period',
    amountAxis: 'RMB bn',
    datePlaceholder: 'YYYY-MM-DD',
    wallMode: 'Wall screen',
    publications: 'Published figures',
    wallExit: 'Leave wall screen',
    stages: { REGISTERED: 'Registered', SIGNED: 'Signed', UNDER_CONSTRUCTION: 'Under construction',
      CONSTRUCTED: 'Completed', IN_PRODUCTION: 'In production' },
    statuses: { ACTIVE: 'Active', SUSPENDED: 'Suspended', CANCELLED: 'Cancelled', VOIDED: 'Voided' },
    roles: { ADMIN: 'Administrator', LEADER: 'Leader', AUDITOR: 'Auditor', CLERK: 'Clerk' },
    sessionExpired: 'Your sign-in has expired.',
    signInAgain: 'Sign in again',
    failed: 'Could not load figures: ',
    back: 'Back to the dashboard',
    project: {
      title: 'Project', code: 'Project code', investor: 'Investor', region: 'Region', industry: 'Industry',
      source: 'Investor from', amount: 'Planned investment', stage: 'Stage', status: 'Status',
      milestones: 'Milestones', timeline: 'Record (in the order it was written)', progress: 'Latest progress', fundsInPlace: 'Funds in place',
      progressValue: (percent, asOf, completed) => `${percent != null ? `${percent}%` : '—'} (as of ${asOf}${completed ? `; ${completed} invested` : ''})`, version: 'No. {v}',
      recordedAt: 'Recorded', actor: 'By', recordedLater: 'recorded after that date', correction: 'Correction',
      reason: 'Reason', notReached: '—', notYetKnown: 'The project had not been entered yet on that day.'
    },
    milestones: { REGISTERED: 'Registered', SIGNED: 'Signed', CONSTRUCTION_STARTED: 'Construction started',
      CONSTRUCTION_COMPLETED: 'Completed', PRODUCTION_STARTED: 'Production started' },
    events: {
      ProjectRegisteredEvent: 'Registered', ProjectSignedEvent: 'Signed', ConstructionStartedEvent: 'Construction started',
      ConstructionCompletedEvent: 'Construction completed', ProductionStartedEvent: 'Production started',
      PlannedInvestmentRevisedEvent: 'Investment revised', ProgressReportedEvent: 'Progress reported',
      ProjectSuspendedEvent: 'Suspended', ProjectResumedEvent: 'Resumed', ProjectCancelledEvent: 'Cancelled',
      ProjectVoidedEvent: 'Voided (entered in error)', MilestoneDateCorrectedEvent: 'Milestone date corrected',
      ProjectDetailsCorrectedEvent: 'Registration details corrected'
    },
    eventDetail: {
      registeredOn: 'Registered on', signedOn: 'Signed on', constructionOn: 'Construction started on',
      productionOn: 'Production started on', completedOn: 'Completed on',
      contractedInvestmentYuan: 'Contracted investment', plannedInvestmentYuan: 'Planned investment',
      completedInvestmentYuan: 'Investment completed', fundsInPlaceYuan: 'Funds in place', constructionProgressPercent: 'Progress', asOf: 'As of',
      scope: 'Scope', reason: 'Reason', PARTIAL: 'partial', FULL: 'full',
      correctedFrom: (m, a, b) => `${m} date corrected from ${a} to ${b}`,
      name: 'Name', investor: 'Investor', industry: 'Industry', regionCode: 'Region', projectCode: 'Project code',
      sourceRegion: 'Investor from', changed: (label, a, b) => `${label}: ${a} → ${b}`
    },
    dashboardNeedsRole: 'The dashboard is for leaders, auditors and administrators; record your projects on the workbench.',
    toWorkbench: 'Workbench',
    toDashboard: 'Dashboard',
    toAudit: 'Audit desk',
    toAccounts: 'Accounts'
  }
};

const params = new URLSearchParams(location.search);
const app = {
  lang: params.get('lang') === 'en' ? 'en' : 'zh',
  session: null,
  regions: [],
  regionByCode: new Map(),
  industries: [],
  industryByCode: new Map()
};

function t(key) {
  return key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), TEXT[app.lang]);
}

function formatInteger(n, lang) {
  return Number(n).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN');
}

/** 67500000000 → "675.00 亿元" in Chinese, "RMB 67.5 bn" in English. Display only: the API's figures are exact. */
function formatAmount(yuan, lang = app.lang) {
  const value = Number(yuan);
  if (lang === 'zh') {
    return `${formatYi(value)} 亿元`;
  }
  if (value === 0) {
    return 'RMB 0';
  }
  if (Math.abs(value) >= 1e9) {
    return `RMB ${(value / 1e9).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 2 })} bn`;
  }
  return `RMB ${(value / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} m`;
}

function formatYi(yuan) {
  return (Number(yuan) / 1e8).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function formatPercent(part, whole) {
  if (!whole) {
    return '—';
  }
  return `${(100 * part / whole).toLocaleString(app.lang === 'en' ? 'en-US' : 'zh-CN',
    { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}

/** An instant as Beijing time, the way the bureaus read clocks. */
function formatInstant(iso) {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
    second: '2-digit', hour12: false
  }).format(new Date(iso));
  return `${parts} (${app.lang === 'en' ? 'Beijing' : '北京时间'})`;
}

/** A real calendar date YYYY-MM-DD (2023-02-29 and 2024-13-01 are not). */
function isDate(text) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text || '')) {
    return false;
  }
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(text);
}

/** "As known on D" means: everything recorded before the end of D in Beijing time. */
function endOfDayInBeijing(date) {
  const next = new Date(`${date}T00:00:00+08:00`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

/** A date field that shows and takes YYYY-MM-DD in every language (a browser's date input follows its locale). */
function dateInput(id, value, onDate, max) {
  const input = el('input', { type: 'text', id, value: value || '', placeholder: t('datePlaceholder'),
    inputmode: 'numeric', maxlength: 10, pattern: '\\d{4}-\\d{2}-\\d{2}', class: 'date', autocomplete: 'off' });
  input.addEventListener('change', () => {
    const text = input.value.trim();
    const valid = text === '' || (isDate(text) && (!max || text <= max));
    input.classList.toggle('invalid', !valid);
    if (valid) {
      onDate(text || null);
    }
  });
  return input;
}

function todayInBeijing() {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

function regionName(code) {
  const region = app.regionByCode.get(code);
  return region ? (app.lang === 'en' ? region.nameEn : region.nameZh) : code;
}

function industryName(code) {
  const industry = app.industryByCode.get(code);
  return industry ? (app.lang === 'en' ? industry.nameEn : industry.nameZh) : code;
}

class ApiError extends Error {
  constructor(status, problem) {
    super(problem && problem.detail ? problem.detail : `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/** What every call of a page sends: JSON wanted, problems in the page's language, no Basic challenge wanted. */
function apiHeaders() {
  return { Accept: 'application/json', 'Accept-Language': app.lang === 'en' ? 'en' : 'zh-CN',
    'X-Requested-With': 'XMLHttpRequest' };
}

/** GET on the query API with the page's session; a problem+json answer becomes an ApiError. */
async function api(path, headers = {}) {
  const response = await fetch(path, { headers: { ...apiHeaders(), ...headers }, credentials: 'same-origin' });
  if (!response.ok) {
    let problem = null;
    try {
      problem = await response.json();
    } catch (ignored) {
      // not problem+json: the status says enough
    }
    throw new ApiError(response.status, problem);
  }
  return response.json();
}

const BATCH_URL_LIMIT = 6000;

/**
 * Milestone statistics through the batch endpoint: {@code shared} parameters apply to every question, each question
 * sets only what differs (e.g. {milestone: 'SIGNED', regionCode: '441202'}). One request unless the URL would grow
 * too long; resolves to the answers in the questions' order.
 */
async function askStats(shared, questions) {
  const base = `/api/v1/stats/milestones/batch?${new URLSearchParams(shared)}`;
  const batches = [[]];
  let length = base.length;
  for (const question of questions) {
    const encoded = `&q=${encodeURIComponent(new URLSearchParams(question).toString())}`;
    if (length + encoded.length > BATCH_URL_LIMIT && batches[batches.length - 1].length) {
      batches.push([]);
      length = base.length;
    }
    batches[batches.length - 1].push(encoded);
    length += encoded.length;
  }
  const answers = await Promise.all(batches.map(batch => api(base + batch.join(''))));
  return answers.flatMap(answer => answer.answers);
}

async function loadSession() {
  const [session, regions, industries] = await Promise.all([
    api('/dashboard/session'), api('/api/v1/regions'), api('/api/v1/industries')]);
  app.session = session;
  app.regions = regions;
  regions.forEach(r => app.regionByCode.set(r.code, r));
  app.industries = industries;
  industries.forEach(i => app.industryByCode.set(i.code, i));
}

/** The regions the user may read: its own and everything below it, in the API's order (parents first). */
function readableRegions() {
  const allowed = new Set([app.session.regionCode]);
  return app.regions.filter(r => {
    if (allowed.has(r.code) || allowed.has(r.parentCode)) {
      allowed.add(r.code);
      return true;
    }
    return false;
  });
}

function childrenOf(code) {
  return app.regions.filter(r => r.parentCode === code);
}

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === 'class') {
      node.className = value;
    } else if (name.startsWith('on')) {
      node.addEventListener(name.substring(2), value);
    } else if (value !== null && value !== undefined && value !== false) {
      node.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) {
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return node;
}

/** The header common to both pages: title, language switch, user, sign-out (a POST with the CSRF token). */
function renderHeader(onLanguage) {
  document.documentElement.lang = app.lang === 'en' ? 'en' : 'zh-CN';
  const header = document.getElementById('header');
  header.replaceChildren(
    el('div', { class: 'brand' },
      el('div', { class: 'emblem' }, '招'),
      el('div', {},
        el('h1', { id: 'app-title' }, t('appTitle')),
        el('div', { class: 'subtitle' }, t('appSubtitle')))),
    el('div', { class: 'header-right' },
      el('div', { class: 'lang-switch', role: 'group' },
        el('button', { id: 'lang-zh', class: app.lang === 'zh' ? 'active' : '', onclick: () => onLanguage('zh') }, '中文'),
        el('button', { id: 'lang-en', class: app.lang === 'en' ? 'active' : '', onclick: () => onLanguage('en') }, 'EN')),
      pageSwitch(),
      auditSwitch(),
      accountsLink(),
      app.session ? el('div', { class: 'user' },
        el('span', { id: 'user-name' }, app.session.name),
        el('span', { class: 'role' }, `${t('roles')[app.session.role] || app.session.role} · ${regionName(app.session.regionCode)}`)) : null,
      app.session ? el('form', { method: 'post', action: '/logout', class: 'logout' },
        el('input', { type: 'hidden', name: app.session.csrfParameter, value: app.session.csrfToken }),
        el('button', { type: 'submit' }, t('signOut'))) : null));
  document.title = t('appTitle');
}

/** The header's language switch for a page that draws itself again with {@code redraw}: the URL keeps the choice. */
function switchLanguageThen(redraw) {
  return lang => {
    app.lang = lang;
    const query = new URLSearchParams(location.search);
    if (lang === 'en') {
      query.set('lang', 'en');
    } else {
      query.delete('lang');
    }
    history.replaceState(null, '', `${location.pathname}${query.toString() ? `?${query}` : ''}`);
    redraw();
  };
}

/** The other kind of page, one click away: the workbench for clerks and admins, the dashboard for everyone else. */
function pageSwitch() {
  if (!app.session) {
    return null;
  }
  const onWorkbench = location.pathname.startsWith('/workbench');
  const lang = app.lang === 'en' ? '?lang=en' : '';
  if (onWorkbench && app.session.role !== 'CLERK') {
    return el('a', { id: 'to-dashboard', class: 'page-switch', href: `/${lang}` }, t('toDashboard'));
  }
  if (!onWorkbench && ['CLERK', 'ADMIN'].includes(app.session.role)) {
    return el('a', { id: 'to-workbench', class: 'page-switch', href: `/workbench${lang}` }, t('toWorkbench'));
  }
  return null;
}

/** Auditors and admins reach the audit desk from every page, and the dashboard from the desk. */
function auditSwitch() {
  if (!app.session || !['AUDITOR', 'ADMIN'].includes(app.session.role)) {
    return null;
  }
  const lang = app.lang === 'en' ? '?lang=en' : '';
  if (location.pathname.startsWith('/audit')) {
    return app.session.role === 'AUDITOR'
      ? el('a', { id: 'to-dashboard', class: 'page-switch', href: `/${lang}` }, t('toDashboard')) : null;
  }
  return el('a', { id: 'to-audit', class: 'page-switch', href: `/audit${lang}` }, t('toAudit'));
}

/** The accounts page, one click away for administrators. */
function accountsLink() {
  if (!app.session || app.session.role !== 'ADMIN' || location.pathname === '/admin/users') {
    return null;
  }
  return el('a', { id: 'to-accounts', class: 'page-switch', href: `/admin/users${app.lang === 'en' ? '?lang=en' : ''}` },
    t('toAccounts'));
}

function showError(error) {
  const banner = document.getElementById('error');
  banner.hidden = false;
  if (error instanceof ApiError && error.status === 401) {
    banner.replaceChildren(t('sessionExpired'), ' ',
      el('a', { href: `/login` }, t('signInAgain')));
  } else {
    banner.replaceChildren(t('failed') + error.message);
  }
  document.body.dataset.state = 'failed';
}

function setUrl(next) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(next)) {
    if (value !== null && value !== undefined && value !== '') {
      query.set(name, value);
    }
  }
  history.pushState(null, '', `${location.pathname}?${query}`);
}
