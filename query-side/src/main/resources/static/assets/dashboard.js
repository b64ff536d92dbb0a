// The leadership dashboard. The URL carries every filter (region, period, industry, asOf, lang), so a view can be
// bookmarked and shared; each figure is one call to /api/v1/stats/milestones or /api/v1/projects.
'use strict';

const MILESTONES = ['SIGNED', 'CONSTRUCTION_STARTED', 'CONSTRUCTION_COMPLETED', 'PRODUCTION_STARTED'];
const TREND_MILESTONES = ['SIGNED', 'CONSTRUCTION_STARTED', 'PRODUCTION_STARTED'];
const COLORS = { SIGNED: '#c8161d', CONSTRUCTION_STARTED: '#1f5fa8', CONSTRUCTION_COMPLETED: '#2e8b57',
  PRODUCTION_STARTED: '#d49a00', amount: '#7a3b8f' };
const FIRST_YEAR = 2015;

const view = {
  generation: 0,
  region: null,
  period: null,
  industry: null,
  asOf: null,
  figures: null,
  charts: {}
};

/** A period from the URL: 2023, 2024-H1, 2024-Q2, 2024-03, or custom with from/to. */
function parsePeriod(text, from, to) {
  const today = todayInBeijing();
  const pad = n => String(n).padStart(2, '0');
  const lastDay = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  let match;
  if (text === 'custom' && isDate(from) && isDate(to) && from <= to) {
    return { kind: 'custom', year: Number(from.substring(0, 4)), part: null, from, to };
  }
  if ((match = /^(\d{4})-H([12])$/.exec(text || ''))) {
    const year = Number(match[1]);
    const half = Number(match[2]);
    return { kind: 'half', year, part: half, from: `${year}-${half === 1 ? '01-01' : '07-01'}`,
      to: `${year}-${half === 1 ? '06-30' : '12-31'}` };
  }
  if ((match = /^(\d{4})-Q([1-4])$/.exec(text || ''))) {
    const year = Number(match[1]);
    const quarter = Number(match[2]);
    const last = quarter * 3;
    return { kind: 'quarter', year, part: quarter, from: `${year}-${pad(last - 2)}-01`,
      to: `${year}-${pad(last)}-${lastDay(year, last)}` };
  }
  if ((match = /^(\d{4})-(\d{2})$/.exec(text || '')) && Number(match[2]) >= 1 && Number(match[2]) <= 12) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    return { kind: 'month', year, part: month, from: `${year}-${pad(month)}-01`,
      to: `${year}-${pad(month)}-${lastDay(year, month)}` };
  }
  const year = (match = /^(\d{4})$/.exec(text || '')) ? Number(match[1]) : Number(today.substring(0, 4));
  return { kind: 'year', year, part: null, from: `${year}-01-01`, to: `${year}-12-31` };
}

function periodParam(period) {
  switch (period.kind) {
    case 'half': return `${period.year}-H${period.part}`;
    case 'quarter': return `${period.year}-Q${period.part}`;
    case 'month': return `${period.year}-${String(period.part).padStart(2, '0')}`;
    case 'custom': return 'custom';
    default: return String(period.year);
  }
}

function periodLabel(period) {
  const text = TEXT[app.lang];
  switch (period.kind) {
    case 'half': return `${text.yearName(period.year)}${app.lang === 'en' ? ' ' : ''}${text.halfNames[period.part - 1]}`;
    case 'quarter': return `${text.yearName(period.year)}${app.lang === 'en' ? ' ' : ''}${text.quarterNames[period.part - 1]}`;
    case 'month': return app.lang === 'en' ? `${text.monthName(period.part)} ${period.year}`
      : `${text.yearName(period.year)}${text.monthName(period.part)}`;
    case 'custom': return `${period.from} – ${period.to}`;
    default: return text.yearName(period.year);
  }
}

function readUrl() {
  const query = new URLSearchParams(location.search);
  app.lang = query.get('lang') === 'en' ? 'en' : 'zh';
  const readable = new Set(readableRegions().map(r => r.code));
  const region = query.get('region');
  view.region = readable.has(region) ? region : app.session.regionCode;
  view.period = parsePeriod(query.get('period'), query.get('from'), query.get('to'));
  view.industry = app.industryByCode.has(query.get('industry')) ? query.get('industry') : null;
  view.asOf = isDate(query.get('asOf')) ? query.get('asOf') : null;
}

function navigate(changes) {
  Object.assign(view, changes);
  writeUrl();
  load();
}

function writeUrl() {
  setUrl({
    region: view.region, period: periodParam(view.period),
    from: view.period.kind === 'custom' ? view.period.from : null,
    to: view.period.kind === 'custom' ? view.period.to : null,
    industry: view.industry, asOf: view.asOf, lang: app.lang === 'en' ? 'en' : null
  });
}

function statsUrl(milestone, region, from, to, extra = {}) {
  const query = new URLSearchParams({ milestone, regionCode: region, from, to });
  if (view.industry) {
    query.set('industry', view.industry);
  }
  if (view.asOf) {
    query.set('asOf', endOfDayInBeijing(view.asOf));
  }
  for (const [name, value] of Object.entries(extra)) {
    query.set(name, value);
  }
  return `/api/v1/stats/milestones?${query}`;
}

/** The eight quarters up to the one the period ends in (never past the current quarter). */
function trendQuarters(period) {
  const end = [period.to, view.asOf || todayInBeijing()].sort()[0];
  let year = Number(end.substring(0, 4));
  let quarter = Math.floor((Number(end.substring(5, 7)) - 1) / 3) + 1;
  const quarters = [];
  for (let i = 0; i < 8; i++) {
    quarters.unshift(parsePeriod(`${year}-Q${quarter}`));
    if (--quarter === 0) {
      quarter = 4;
      year--;
    }
  }
  return quarters;
}

async function load() {
  const generation = ++view.generation;
  document.body.dataset.state = 'loading';
  document.getElementById('error').hidden = true;
  view.figures = null; // never the previous view's figures under the new view's title
  renderAll();
  const period = view.period;
  const region = view.region;
  const lastKnownDay = view.asOf || todayInBeijing();
  const quarters = trendQuarters(period);
  const children = childrenOf(region);
  const industries = view.industry ? [view.industry] : app.industries.map(i => i.code);
  const zero = async () => ({ projects: 0, plannedInvestmentYuan: 0 });

  const calls = [];
  const slot = call => calls.push(call) - 1;
  const tiles = MILESTONES.map(m => slot(() => api(statsUrl(m, region, period.from, period.to))));
  const cohort = ['CONSTRUCTION_STARTED', 'PRODUCTION_STARTED'].map(m => slot(period.from <= lastKnownDay
    ? () => api(statsUrl(m, region, period.from, lastKnownDay, { signedFrom: period.from, signedTo: period.to }))
    : zero));
  const trend = quarters.map(q => TREND_MILESTONES.map(m => slot(() => api(statsUrl(m, region, q.from, q.to)))));
  const byChild = children.map(c => slot(() => api(statsUrl('SIGNED', c.code, period.from, period.to))));
  const byIndustry = industries.map(code => slot(() => api(statsUrl('SIGNED', region, period.from, period.to,
    { industry: code }))));
  const largestQuery = new URLSearchParams({ regionCode: region, signedFrom: period.from, signedTo: period.to,
    sort: 'plannedInvestmentYuan', size: '10' });
  if (view.industry) {
    largestQuery.set('industry', view.industry);
  }
  // the list knows only the present: as known on a past day it is left out rather than shown with today's figures
  const largest = slot(view.asOf ? async () => ({ items: null }) : () => api(`/api/v1/projects?${largestQuery}`));

  const progress = document.getElementById('progress');
  try {
    const answers = await loadAll(calls, (done, total) => {
      progress.textContent = TEXT[app.lang].loadingProgress(done, total);
      progress.style.setProperty('--done', `${Math.round(100 * done / total)}%`);
    });
    if (generation !== view.generation) {
      return; // a newer view was asked for meanwhile
    }
    view.figures = {
      tiles: Object.fromEntries(MILESTONES.map((m, i) => [m, answers[tiles[i]]])),
      cohort: { CONSTRUCTION_STARTED: answers[cohort[0]], PRODUCTION_STARTED: answers[cohort[1]] },
      quarters,
      trend: trend.map(slots => Object.fromEntries(TREND_MILESTONES.map((m, i) => [m, answers[slots[i]]]))),
      children: children.map((c, i) => ({ code: c.code, ...answers[byChild[i]] })),
      industries: industries.map((code, i) => ({ code, ...answers[byIndustry[i]] })),
      largest: answers[largest].items,
      calls: calls.length
    };
    renderAll();
    document.body.dataset.state = 'ready';
  } catch (error) {
    if (generation === view.generation) {
      showError(error);
    }
  }
}

function renderAll() {
  renderHeader(lang => {
    app.lang = lang;
    writeUrl();
    renderAll(); // the figures stay; only words and formats change
  });
  document.body.dataset.region = view.region;
  if (view.figures) {
    document.getElementById('progress').textContent = TEXT[app.lang].loaded(view.figures.calls);
  }
  document.getElementById('amount-basis').textContent = t('amountBasis');
  renderFilters();
  renderBreadcrumb();
  renderTiles();
  renderFunnel();
  renderTrend();
  renderRegions();
  renderIndustries();
  renderLargest();
  const banner = document.getElementById('as-of-banner');
  banner.hidden = !view.asOf;
  banner.textContent = view.asOf ? TEXT[app.lang].asOfBanner(view.asOf) : '';
  document.querySelectorAll('[data-text]').forEach(node => {
    node.textContent = t(node.dataset.text);
  });
}

function renderFilters() {
  const text = TEXT[app.lang];
  const period = view.period;
  const currentYear = Number(todayInBeijing().substring(0, 4));
  const years = [];
  for (let y = currentYear; y >= FIRST_YEAR; y--) {
    years.push(y);
  }
  const option = (value, label, selected) => el('option', { value, selected: selected || null }, label);
  const kinds = ['year', 'half', 'quarter', 'month', 'custom'];
  const kindSelect = el('select', { id: 'period-kind', onchange: event => changePeriodKind(event.target.value) },
    kinds.map(k => option(k, text[k], k === period.kind)));
  const controls = [kindSelect];
  if (period.kind === 'custom') {
    const from = el('input', { type: 'date', id: 'period-from', value: period.from });
    const to = el('input', { type: 'date', id: 'period-to', value: period.to });
    controls.push(el('label', {}, text.from, from), el('label', {}, text.to, to),
      el('button', { id: 'period-apply', onclick: () => {
        if (from.value && to.value && from.value <= to.value) {
          navigate({ period: parsePeriod('custom', from.value, to.value) });
        }
      } }, text.apply));
  } else {
    controls.push(el('select', { id: 'period-year', onchange: event => changePeriod(Number(event.target.value), period.part) },
      years.map(y => option(y, text.yearName(y), y === period.year))));
    const parts = { half: text.halfNames, quarter: text.quarterNames,
      month: Array.from({ length: 12 }, (_, i) => text.monthName(i + 1)) }[period.kind];
    if (parts) {
      controls.push(el('select', { id: 'period-part', onchange: event => changePeriod(period.year, Number(event.target.value)) },
        parts.map((label, i) => option(i + 1, label, i + 1 === period.part))));
    }
  }
  document.getElementById('period-controls').replaceChildren(...controls);

  document.getElementById('industry-controls').replaceChildren(
    el('select', { id: 'industry', onchange: event => navigate({ industry: event.target.value || null }) },
      option('', text.allIndustries, !view.industry),
      app.industries.map(i => option(i.code, industryName(i.code), i.code === view.industry))));

  const asOf = el('input', { type: 'date', id: 'as-of', value: view.asOf || '', max: todayInBeijing(),
    title: text.asOfHint, onchange: event => navigate({ asOf: event.target.value || null }) });
  document.getElementById('as-of-controls').replaceChildren(asOf,
    el('button', { id: 'as-of-now', class: view.asOf ? '' : 'active', onclick: () => navigate({ asOf: null }) }, text.asOfNow));

  const picker = document.getElementById('region-picker');
  picker.textContent = regionName(view.region);
  renderRegionTree();
}

function changePeriodKind(kind) {
  const period = view.period;
  const month = Number(period.from.substring(5, 7));
  const part = { half: month <= 6 ? 1 : 2, quarter: Math.floor((month - 1) / 3) + 1, month }[kind] || null;
  if (kind === 'custom') {
    navigate({ period: { ...period, kind: 'custom' } });
  } else {
    changePeriod(period.year, part, kind);
  }
}

function changePeriod(year, part, kind = view.period.kind) {
  const text = { year: `${year}`, half: `${year}-H${part}`, quarter: `${year}-Q${part}`,
    month: `${year}-${String(part).padStart(2, '0')}` }[kind];
  navigate({ period: parsePeriod(text) });
}

function renderRegionTree() {
  const readable = readableRegions();
  const byParent = new Map();
  readable.forEach(r => {
    if (!byParent.has(r.parentCode)) {
      byParent.set(r.parentCode, []);
    }
    byParent.get(r.parentCode).push(r);
  });
  const branch = region => el('li', {},
    el('button', { class: region.code === view.region ? 'node selected' : 'node', 'data-region': region.code,
      onclick: () => {
        document.getElementById('region-tree').hidden = true;
        navigate({ region: region.code });
      } },
    el('span', { class: `kind kind-${region.kind.toLowerCase()}` }), regionName(region.code)),
    byParent.has(region.code) ? el('ul', {}, byParent.get(region.code).map(branch)) : null);
  document.getElementById('region-tree').replaceChildren(
    el('ul', {}, readable.filter(r => r.code === app.session.regionCode).map(branch)));
}

function renderBreadcrumb() {
  const path = [];
  for (let code = view.region; code; code = app.regionByCode.get(code).parentCode) {
    path.unshift(code);
    if (code === app.session.regionCode) {
      break;
    }
  }
  document.getElementById('breadcrumb').replaceChildren(...path.flatMap((code, i) => [
    i > 0 ? el('span', { class: 'separator' }, '›') : null,
    i < path.length - 1
      ? el('a', { href: '#', 'data-region': code, onclick: event => {
        event.preventDefault();
        navigate({ region: code });
      } }, regionName(code))
      : el('strong', {}, regionName(code))]).filter(node => node !== null),
  el('span', { class: 'period-label' }, periodLabel(view.period)));
}

function renderTiles() {
  const figures = view.figures;
  document.getElementById('tiles').replaceChildren(...MILESTONES.map(m => {
    const answer = figures ? figures.tiles[m] : null;
    return el('div', { class: 'tile', 'data-tile': m, style: `--accent: ${COLORS[m]}` },
      el('div', { class: 'tile-label' }, t('tiles')[m]),
      el('div', { class: 'tile-projects' }, answer ? TEXT[app.lang].projectsCount(answer.projects) : '…'),
      el('div', { class: 'tile-amount' }, answer ? formatAmount(answer.plannedInvestmentYuan) : ''));
  }));
}

function chart(id) {
  if (!view.charts[id]) {
    view.charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
  }
  return view.charts[id];
}

/** Draws a chart afresh; without animation: a wall screen shows figures, not transitions. */
function draw(id, option) {
  const instance = chart(id);
  instance.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option }, true);
  return instance;
}

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

function renderFunnel() {
  const figures = view.figures;
  if (!figures) {
    return;
  }
  const signed = figures.tiles.SIGNED.projects;
  const started = figures.cohort.CONSTRUCTION_STARTED.projects;
  const producing = figures.cohort.PRODUCTION_STARTED.projects;
  const stages = TEXT[app.lang].funnelStages;
  draw('funnel-chart', {
    color: [COLORS.SIGNED, COLORS.CONSTRUCTION_STARTED, COLORS.PRODUCTION_STARTED],
    tooltip: { trigger: 'item', formatter: p => `${p.name}: ${TEXT[app.lang].projectsCount(p.value)}` },
    series: [{
      type: 'funnel', sort: 'none', left: '4%', width: '62%', top: 10, bottom: 10, minSize: '22%', gap: 4,
      label: { position: 'right', fontSize: 15, color: '#1d2433',
        formatter: p => `${p.name}  ${TEXT[app.lang].projectsCount(p.value)}` },
      labelLine: { show: true, length: 12 },
      data: [
        { name: stages.SIGNED, value: signed },
        { name: stages.CONSTRUCTION_STARTED, value: started },
        { name: stages.PRODUCTION_STARTED, value: producing }]
    }]
  });
  document.getElementById('funnel-rates').replaceChildren(
    el('div', { class: 'rate', id: 'start-rate' }, el('span', {}, t('startRate')), el('strong', {}, formatPercent(started, signed))),
    el('div', { class: 'rate', id: 'production-rate' }, el('span', {}, t('productionRate')), el('strong', {}, formatPercent(producing, signed))));
}

function quarterLabel(q) {
  return app.lang === 'en' ? `Q${q.part} ${q.year}` : `${q.year} Q${q.part}`;
}

function renderTrend() {
  const figures = view.figures;
  if (!figures) {
    return;
  }
  const names = TEXT[app.lang].trendSeries;
  draw('trend-chart', {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { fontSize: 13 } },
    grid: { left: 50, right: 60, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: figures.quarters.map(quarterLabel) },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', splitLine: { show: false } }],
    series: [
      ...TREND_MILESTONES.map(m => ({ name: names[m], type: 'bar', color: COLORS[m], barMaxWidth: 22,
        data: figures.trend.map(q => q[m].projects) })),
      { name: names.amount, type: 'line', yAxisIndex: 1, color: COLORS.amount, symbolSize: 7,
        data: figures.trend.map(q => chartAmount(q.SIGNED.plannedInvestmentYuan)) }]
  });
}

function renderRegions() {
  const figures = view.figures;
  const empty = document.getElementById('region-empty');
  if (!figures) {
    return;
  }
  empty.hidden = figures.children.length > 0;
  empty.textContent = t('noChildren');
  document.getElementById('region-chart').style.visibility = figures.children.length ? 'visible' : 'hidden';
  const instance = drawRanking('region-chart', figures.children, regionName, COLORS.SIGNED, true);
  instance.off('click');
  instance.on('click', p => navigate({ region: p.data.code }));
}

function renderIndustries() {
  if (view.figures) {
    drawRanking('industry-chart', view.figures.industries.filter(r => r.projects > 0), industryName,
      COLORS.CONSTRUCTION_STARTED);
  }
}

/** Horizontal bars of signed investment, largest on top, labelled with the number of projects. */
function drawRanking(id, answers, nameOf, color, clickable = false) {
  const rows = [...answers].sort((a, b) => a.plannedInvestmentYuan - b.plannedInvestmentYuan);
  return draw(id, {
    tooltip: { trigger: 'item', formatter: p => `${echarts.format.encodeHTML(p.name)}<br>`
        + `${TEXT[app.lang].projectsCount(p.data.projects)}`
        + ` · ${formatAmount(p.data.yuan)}` },
    grid: { left: 10, right: 90, top: 10, bottom: 10, containLabel: true },
    xAxis: { type: 'value', name: app.lang === 'en' ? 'RMB bn' : '亿元' },
    yAxis: { type: 'category', data: rows.map(r => nameOf(r.code)), axisLabel: { fontSize: 12 } },
    series: [{
      type: 'bar', color, barMaxWidth: 18, cursor: clickable ? 'pointer' : 'default',
      label: { show: true, position: 'right', formatter: p => TEXT[app.lang].projectsCount(p.data.projects) },
      data: rows.map(r => ({ value: chartAmount(r.plannedInvestmentYuan), code: r.code, projects: r.projects,
        yuan: r.plannedInvestmentYuan }))
    }]
  });
}

/** An amount on a chart axis: 亿元 in Chinese, RMB bn in English. */
function chartAmount(yuan) {
  return app.lang === 'en' ? +(yuan / 1e9).toFixed(2) : +(yuan / 1e8).toFixed(2);
}

function renderLargest() {
  const figures = view.figures;
  const columns = t('columns');
  const head = el('tr', {}, ['name', 'investor', 'region', 'industry', 'signedOn', 'stage', 'amount']
    .map(c => el('th', { class: c === 'amount' ? 'number' : '' }, c === 'amount' && app.lang === 'en'
      ? columns.amount : columns[c])));
  if (figures && figures.largest === null) {
    document.getElementById('largest').replaceChildren(el('tbody', {}, el('tr', {},
      el('td', { class: 'empty', id: 'largest-not-as-of' }, t('largestNotAsOf')))));
    return;
  }
  const rows = !figures ? [] : figures.largest.map(p => el('tr', { 'data-project': p.projectId },
    el('td', {}, el('a', { href: `/dashboard/projects/${p.projectId}${app.lang === 'en' ? '?lang=en' : ''}` }, p.name)),
    el('td', {}, p.investor),
    el('td', {}, regionName(p.regionCode)),
    el('td', {}, industryName(p.industry)),
    el('td', {}, p.signedOn || ''),
    el('td', {}, el('span', { class: `stage stage-${p.stage.toLowerCase()}` }, t('stages')[p.stage]),
      p.status !== 'ACTIVE' ? el('span', { class: 'status' }, t('statuses')[p.status]) : null),
    el('td', { class: 'number' }, app.lang === 'en' ? formatAmount(p.plannedInvestmentYuan) : formatYi(p.plannedInvestmentYuan))));
  const body = rows.length ? rows : figures ? [el('tr', {}, el('td', { colspan: 7, class: 'empty' }, t('noProjects')))] : [];
  document.getElementById('largest').replaceChildren(el('thead', {}, head), el('tbody', {}, body));
}

async function start() {
  try {
    await loadSession();
  } catch (error) {
    renderHeader(() => {});
    showError(error);
    return;
  }
  if (app.session.role === 'CLERK') {
    readUrl();
    renderHeader(lang => {
      app.lang = lang;
      setUrl({ lang: lang === 'en' ? 'en' : null });
      start();
    });
    document.getElementById('error').hidden = false;
    document.getElementById('error').textContent = t('dashboardNeedsRole');
    document.body.dataset.state = 'ready';
    return;
  }
  readUrl();
  document.getElementById('region-picker').addEventListener('click', () => {
    const tree = document.getElementById('region-tree');
    tree.hidden = !tree.hidden;
  });
  document.addEventListener('click', event => {
    if (!event.target.closest('.region-filter')) {
      document.getElementById('region-tree').hidden = true;
    }
  });
  window.addEventListener('popstate', () => {
    readUrl();
    load();
  });
  window.addEventListener('resize', () => Object.values(view.charts).forEach(c => c.resize()));
  load();
}

window.pipelineDashboard = view;
start();
