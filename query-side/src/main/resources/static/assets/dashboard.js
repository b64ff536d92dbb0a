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
  view.periodChosen = query.has('period');
  view.period = parsePeriod(query.get('period'), query.get('from'), query.get('to'));
  view.industry = app.industryByCode.has(query.get('industry')) ? query.get('industry') : null;
  view.asOf = isDate(query.get('asOf')) ? query.get('asOf') : null;
  view.wall = query.get('wall') === '1';
  const refresh = Number(query.get('refresh'));
  view.refreshSeconds = Number.isInteger(refresh) && refresh >= 1 ? refresh : 60;
}

function navigate(changes) {
  Object.assign(view, changes);
  if (changes.period) {
    view.periodChosen = true;
  }
  writeUrl();
  load();
}

function writeUrl() {
  setUrl({
    region: view.region, period: view.periodChosen ? periodParam(view.period) : null,
    from: view.periodChosen && view.period.kind === 'custom' ? view.period.from : null,
    to: view.periodChosen && view.period.kind === 'custom' ? view.period.to : null,
    industry: view.industry, asOf: view.asOf, lang: app.lang === 'en' ? 'en' : null,
    wall: view.wall ? '1' : null, refresh: view.wall && view.refreshSeconds !== 60 ? view.refreshSeconds : null
  });
}

/** The parameters every figure of the view shares: region, period, industry and "as known on". */
function sharedParameters(region, period) {
  const shared = { milestone: 'SIGNED', regionCode: region, from: period.from, to: period.to };
  if (view.industry) {
    shared.industry = view.industry;
  }
  if (view.asOf) {
    shared.asOf = endOfDayInBeijing(view.asOf);
  }
  return shared;
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

/**
 * Without a period in the URL: the latest year in which the region reached any milestone (the current year when it
 * has any), so that a leader opening the page cold sees figures. One batch call.
 */
async function latestYearWithData(region) {
  const current = Number((view.asOf || todayInBeijing()).substring(0, 4));
  const years = [];
  for (let y = current; y >= FIRST_YEAR; y--) {
    years.push(y);
  }
  const answers = await askStats(sharedParameters(region, parsePeriod(String(current))),
    years.flatMap(y => MILESTONES.map(m => ({ milestone: m, from: `${y}-01-01`, to: `${y}-12-31` }))));
  const index = answers.findIndex(a => a.projects > 0);
  return index < 0 ? current : years[Math.floor(index / MILESTONES.length)];
}

/** Loads the view's figures. A refresh (wall mode) keeps the figures on screen until the new ones are there. */
async function load(refresh = false) {
  const generation = ++view.generation;
  if (!refresh) {
    document.body.dataset.state = 'loading';
    document.getElementById('error').hidden = true;
    view.figures = null; // never the previous view's figures under the new view's title
    renderAll();
  }
  const progress = document.getElementById('progress');
  progress.textContent = refresh ? '' : t('loading');
  try {
    const region = view.region;
    if (!view.periodChosen) {
      view.period = parsePeriod(String(await latestYearWithData(region)));
    }
    const period = view.period;
    const lastKnownDay = view.asOf || todayInBeijing();
    const quarters = trendQuarters(period);
    const children = childrenOf(region);
    const industries = view.industry ? [view.industry] : app.industries.map(i => i.code);
    const questions = [];
    const ask = question => questions.push(question) - 1;
    // funds in place are known for today only
    const tiles = MILESTONES.map(m => ask(m === 'SIGNED' && !view.asOf ? { milestone: m, withFunds: 'true' } : { milestone: m }));
    const cohortFrom = period.from <= lastKnownDay;
    const cohort = cohortFrom ? ['CONSTRUCTION_STARTED', 'PRODUCTION_STARTED'].map(m => ask({ milestone: m,
      to: lastKnownDay, signedFrom: period.from, signedTo: period.to })) : null;
    const trend = quarters.map(q => TREND_MILESTONES.map(m => ask({ milestone: m, from: q.from, to: q.to })));
    const byChild = children.map(c => ask({ regionCode: c.code }));
    const byIndustry = industries.map(code => ask({ industry: code }));
    const largestQuery = new URLSearchParams({ regionCode: region, signedFrom: period.from, signedTo: period.to,
      sort: 'plannedInvestmentYuan', size: '10' });
    if (view.industry) {
      largestQuery.set('industry', view.industry);
    }
    const none = { projects: 0, plannedInvestmentYuan: 0 };
    // the list knows only the present: as known on a past day it is left out rather than shown with today's figures
    const [answers, largest, alertCounts] = await Promise.all([askStats(sharedParameters(region, period), questions),
      view.asOf ? { items: null } : api(`/api/v1/projects?${largestQuery}`),
      api(`/api/v1/alerts/counts?${new URLSearchParams({ regionCode: region })}`)]);
    if (generation !== view.generation) {
      return; // a newer view was asked for meanwhile
    }
    const signed = answers[tiles[0]];
    const childRows = children.map((c, i) => ({ code: c.code, ...answers[byChild[i]] }));
    view.figures = {
      tiles: Object.fromEntries(MILESTONES.map((m, i) => [m, answers[tiles[i]]])),
      cohort: { CONSTRUCTION_STARTED: cohort ? answers[cohort[0]] : none,
        PRODUCTION_STARTED: cohort ? answers[cohort[1]] : none },
      quarters,
      trend: trend.map(slots => Object.fromEntries(TREND_MILESTONES.map((m, i) => [m, answers[slots[i]]]))),
      children: withRegionItself(signed, childRows),
      industries: industries.map((code, i) => ({ code, ...answers[byIndustry[i]] })),
      largest: largest.items,
      alertCounts,
      alertList: null, // the projects of one level, asked for when that level is clicked
      refreshedAt: new Date()
    };
    renderAll();
    document.body.dataset.state = 'ready';
    performance.mark('dashboard-ready'); // the harness times navigation to every panel drawn by this mark
  } catch (error) {
    if (generation === view.generation && !refresh) {
      showError(error);
    }
  }
}

/**
 * The sub-regions' rows plus, where the region's own total holds more, a row for the projects registered at the
 * region itself: the subtree is the region and its children's subtrees, so the rows then add up to the tile.
 * Amounts are subtracted in whole fen (cents), exactly.
 */
function withRegionItself(total, rows) {
  if (rows.length === 0) {
    return rows;
  }
  const fen = yuan => Math.round(Number(yuan) * 100);
  const projects = total.projects - rows.reduce((sum, r) => sum + r.projects, 0);
  const amount = fen(total.plannedInvestmentYuan) - rows.reduce((sum, r) => sum + fen(r.plannedInvestmentYuan), 0);
  return projects > 0 || amount !== 0
    ? [...rows, { code: view.region, itself: true, projects, plannedInvestmentYuan: amount / 100 }]
    : rows;
}

function renderAll() {
  renderHeader(lang => {
    app.lang = lang;
    writeUrl();
    renderAll(); // the figures stay; only words and formats change
  });
  document.body.dataset.region = view.region;
  document.body.classList.toggle('wall', view.wall);
  Object.values(view.charts).forEach(c => c.resize()); // the layout may have changed (wall mode, width)
  const refreshed = document.getElementById('last-refresh');
  refreshed.textContent = view.figures ? TEXT[app.lang].refreshedAt(formatClock(view.figures.refreshedAt)) : '';
  if (view.figures) {
    document.getElementById('progress').textContent = '';
  }
  document.getElementById('amount-basis').textContent = t('amountBasis');
  const note = document.getElementById('period-note');
  note.hidden = view.periodChosen || !view.figures;
  note.textContent = TEXT[app.lang].defaultPeriod(periodLabel(view.period));
  renderFilters();
  renderBreadcrumb();
  renderTiles();
  renderFunnel();
  renderTrend();
  renderRegions();
  renderIndustries();
  renderLargest();
  renderAlerts();
  renderCampaignBoard();
  const banner = document.getElementById('as-of-banner');
  banner.hidden = !view.asOf;
  banner.textContent = view.asOf ? TEXT[app.lang].asOfBanner(view.asOf) : '';
  document.querySelectorAll('[data-text]').forEach(node => {
    node.textContent = t(node.dataset.text);
  });
}

/** The time of day in Beijing, HH:MM:SS. */
function formatClock(date) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit',
    second: '2-digit', hour12: false }).format(date);
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
    const from = dateInput('period-from', period.from, () => {});
    const to = dateInput('period-to', period.to, () => {});
    controls.push(el('label', {}, text.from, from), el('label', {}, text.to, to),
      el('button', { id: 'period-apply', onclick: () => {
        if (isDate(from.value) && isDate(to.value) && from.value <= to.value) {
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

  const asOf = dateInput('as-of', view.asOf, date => navigate({ asOf: date }), todayInBeijing());
  asOf.title = text.asOfHint;
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
    return el('div', { class: 'tile', 'data-tile': m },
      el('div', { class: 'tile-label' }, t('tiles')[m]),
      el('div', { class: 'tile-projects' }, answer ? TEXT[app.lang].projectsCount(answer.projects) : '…'),
      el('div', { class: 'tile-amount' }, answer ? formatAmount(answer.plannedInvestmentYuan) : ''),
      // publications.js: "publish this figure", for the question this tile answers
      answer ? tileActions(m, { regionCode: view.region, from: view.period.from, to: view.period.to,
        industry: view.industry, asOf: view.asOf }) : null);
  }));
}

function chart(id) {
  if (!view.charts[id]) {
    view.charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
  }
  return view.charts[id];
}

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** Text sizes for the charts: larger on a wall screen, smaller on a phone. */
function fontSize(base) {
  return view.wall ? Math.round(base * 1.35) : narrow() ? base - 1 : base;
}

function narrow() {
  return window.innerWidth <= 480;
}

/** Draws a chart afresh; without animation: a wall screen shows figures, not transitions. */
function draw(id, option) {
  const instance = chart(id);
  instance.setOption({ animation: false, textStyle: { fontFamily: FONT, fontSize: fontSize(13) }, ...option }, true);
  return instance;
}

/** A chart with nothing to show says so in words instead of drawing empty axes or full-width bars of zero. */
function showEmpty(id, message) {
  const empty = document.getElementById(`${id}-empty`);
  empty.hidden = !message;
  empty.textContent = message || '';
  document.getElementById(id).classList.toggle('blank', Boolean(message));
  if (message && view.charts[id]) {
    view.charts[id].clear();
  }
  return Boolean(message);
}

function renderFunnel() {
  const figures = view.figures;
  if (!figures) {
    return;
  }
  const signed = figures.tiles.SIGNED.projects;
  const started = figures.cohort.CONSTRUCTION_STARTED.projects;
  const producing = figures.cohort.PRODUCTION_STARTED.projects;
  document.getElementById('funnel-rates').replaceChildren(
    el('div', { class: 'rate', id: 'start-rate' }, el('span', {}, t('startRate')), el('strong', {}, formatPercent(started, signed))),
    el('div', { class: 'rate', id: 'production-rate' }, el('span', {}, t('productionRate')), el('strong', {}, formatPercent(producing, signed))),
    el('div', { class: 'rate', id: 'funds-rate', title: t('fundsRateHint') }, el('span', { class: 'hint' }, t('fundsRate')),
      el('strong', {}, figures.tiles.SIGNED.fundsInPlaceRate == null ? '—'
        : formatPercent(Number(figures.tiles.SIGNED.fundsInPlaceRate), 1))));
  if (showEmpty('funnel-chart', signed === 0 ? t('noSigned') : null)) {
    return;
  }
  const stages = TEXT[app.lang].funnelStages;
  draw('funnel-chart', {
    color: [COLORS.SIGNED, COLORS.CONSTRUCTION_STARTED, COLORS.PRODUCTION_STARTED],
    tooltip: { trigger: 'item', formatter: p => `${p.name}: ${TEXT[app.lang].projectsCount(p.value)}` },
    series: [{
      type: 'funnel', sort: 'none', left: '2%', width: '58%', top: 10, bottom: 10, minSize: '22%', gap: 4, max: signed,
      label: { position: 'right', fontSize: fontSize(15), color: '#1d2433',
        formatter: p => `${p.name}  ${TEXT[app.lang].projectsCount(p.value)}` },
      labelLine: { show: true, length: 10 },
      data: [
        { name: stages.SIGNED, value: signed },
        { name: stages.CONSTRUCTION_STARTED, value: started },
        { name: stages.PRODUCTION_STARTED, value: producing }]
    }]
  });
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
  // a quarter's label gets an eighth of the width: "24Q2" where "2024 Q2" would run into its neighbour
  const short = document.getElementById('trend-chart').clientWidth / figures.quarters.length < fontSize(12) * 6.5;
  draw('trend-chart', {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, itemGap: 8, textStyle: { fontSize: fontSize(13) } },
    grid: { left: 8, right: 8, top: narrow() ? 60 : 48, bottom: 4, containLabel: true },
    xAxis: { type: 'category', axisLabel: { interval: 0, fontSize: fontSize(12) },
      data: figures.quarters.map(q => short ? `${String(q.year).substring(2)}Q${q.part}` : quarterLabel(q)) },
    // the units are in the series' names: axis names would sit under the legend
    yAxis: [{ type: 'value', minInterval: 1, axisLabel: { fontSize: fontSize(12) } },
      { type: 'value', splitLine: { show: false }, axisLabel: { fontSize: fontSize(12) } }],
    series: [
      ...TREND_MILESTONES.map(m => ({ name: names[m], type: 'bar', color: COLORS[m], barMaxWidth: 22,
        data: figures.trend.map(q => q[m].projects) })),
      { name: names.amount, type: 'line', yAxisIndex: 1, color: COLORS.amount, symbolSize: 7,
        data: figures.trend.map(q => chartAmount(q.SIGNED.plannedInvestmentYuan)) }]
  });
}

function renderRegions() {
  const figures = view.figures;
  if (!figures || showEmpty('region-chart', figures.children.length ? null : t('noChildren'))) {
    return;
  }
  const instance = drawRanking('region-chart', figures.children,
    row => row.itself ? t('regionItself') : regionName(row.code), COLORS.SIGNED, true);
  instance.off('click');
  instance.on('click', p => {
    if (!p.data.itself) {
      navigate({ region: p.data.code });
    }
  });
}

function renderIndustries() {
  const figures = view.figures;
  if (!figures) {
    return;
  }
  const rows = figures.industries.filter(r => r.projects > 0);
  if (!showEmpty('industry-chart', rows.length ? null : t('noIndustry'))) {
    drawRanking('industry-chart', rows, row => industryName(row.code), COLORS.CONSTRUCTION_STARTED);
  }
}

/**
 * Horizontal bars of signed investment, largest on top: the bar and its label are the amount, the number of
 * projects is in the tooltip. Every row gets its label; the chart grows with the number of rows.
 */
function drawRanking(id, answers, nameOf, color, clickable = false) {
  const rows = [...answers].sort((a, b) => a.plannedInvestmentYuan - b.plannedInvestmentYuan);
  const rowHeight = view.wall ? 22 : 28;
  const node = document.getElementById(id);
  const height = rows.length * rowHeight + 50;
  // on a wall screen the whole view fits one screen: many rows share a fixed height
  node.style.height = `${view.wall ? Math.min(Math.max(200, height), 300) : Math.max(240, height)}px`;
  const instance = chart(id);
  instance.resize();
  const names = rows.map(nameOf);
  // the labels' box is as wide as the longest name, up to a share of the chart: longer names wrap, none is cut
  const labelWidth = Math.min(Math.round(node.clientWidth * 0.38),
    Math.ceil(Math.max(...names.map(name => textWidth(name, fontSize(12))))) + 2);
  return draw(id, {
    tooltip: { trigger: 'item', confine: true, formatter: p => `${echarts.format.encodeHTML(p.name)}<br>`
        + `${formatAmount(p.data.yuan)} · ${TEXT[app.lang].projectsCount(p.data.projects)}` },
    // the label column is laid out here, not by containLabel, which leaves long names a few pixels short
    grid: { left: labelWidth + 14, right: view.wall ? 110 : 84, top: 24, bottom: fontSize(11) + 14 },
    xAxis: { type: 'value', name: t('amountAxis'), axisLabel: { fontSize: fontSize(11) } },
    yAxis: { type: 'category', data: names,
      axisLabel: { interval: 0, fontSize: fontSize(12), width: labelWidth, overflow: 'break', lineHeight: fontSize(13) } },
    series: [{
      type: 'bar', color, barMaxWidth: 18, cursor: clickable ? 'pointer' : 'default',
      label: { show: true, position: 'right', fontSize: fontSize(12), formatter: p => formatChartAmount(p.data.yuan) },
      data: rows.map(r => ({ value: chartAmount(r.plannedInvestmentYuan), code: r.code, itself: Boolean(r.itself),
        projects: r.projects, yuan: r.plannedInvestmentYuan,
        itemStyle: r.itself ? { color: '#8894a8' } : undefined,
        cursor: r.itself || !clickable ? 'default' : 'pointer' }))
    }]
  });
}

const measuring = document.createElement('canvas').getContext('2d');

function textWidth(text, size) {
  measuring.font = `${size}px ${FONT}`;
  return measuring.measureText(text).width;
}

/** An amount on a chart axis: 亿元 in Chinese, RMB bn in English. */
function chartAmount(yuan) {
  return app.lang === 'en' ? +(yuan / 1e9).toFixed(2) : +(yuan / 1e8).toFixed(2);
}

/** A bar's label: the amount in the axis' unit, which the axis names. */
function formatChartAmount(yuan) {
  return chartAmount(yuan).toLocaleString(app.lang === 'en' ? 'en-US' : 'zh-CN',
    { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

const LARGEST_COLUMNS = ['name', 'investor', 'region', 'industry', 'signedOn', 'stage', 'amount'];

function renderLargest() {
  const figures = view.figures;
  const ledger = new URLSearchParams({ regionCode: view.region });
  if (view.industry) {
    ledger.set('industry', view.industry);
  }
  document.getElementById('export-ledger').setAttribute('href', `/api/v1/ledger.xlsx?${ledger}`);
  const columns = t('columns');
  const head = el('tr', {}, LARGEST_COLUMNS.map(c => el('th', { class: `col-${c}${c === 'amount' ? ' number' : ''}` },
    columns[c])));
  if (figures && figures.largest === null) {
    document.getElementById('largest').replaceChildren(el('tbody', {}, el('tr', {},
      el('td', { class: 'empty', id: 'largest-not-as-of' }, t('largestNotAsOf')))));
    return;
  }
  // data-label names each cell on a phone, where every project is a card of its own
  const cell = (column, ...content) => el('td', { class: `col-${column}${column === 'amount' ? ' number' : ''}`,
    'data-label': columns[column] }, ...content);
  const rows = !figures ? [] : figures.largest.map(p => el('tr', { 'data-project': p.projectId },
    cell('name', el('a', { href: `/dashboard/projects/${p.projectId}${app.lang === 'en' ? '?lang=en' : ''}` }, p.name)),
    cell('investor', p.investor),
    cell('region', regionName(p.regionCode)),
    cell('industry', industryName(p.industry)),
    cell('signedOn', p.signedOn || ''),
    cell('stage', el('span', { class: `stage stage-${p.stage.toLowerCase()}` }, t('stages')[p.stage]),
      p.status !== 'ACTIVE' ? el('span', { class: 'status' }, t('statuses')[p.status]) : null),
    cell('amount', app.lang === 'en' ? formatAmount(p.plannedInvestmentYuan) : formatYi(p.plannedInvestmentYuan))));
  const body = rows.length ? rows : figures ? [el('tr', {}, el('td', { colspan: 7, class: 'empty' }, t('noProjects')))] : [];
  document.getElementById('largest').replaceChildren(el('thead', {}, head), el('tbody', {}, body));
}

/**
 * The region's projects under alert today: a count per level; a click on one asks for that level's projects (red
 * first, then the longest-standing, as the API orders them), in the view's language.
 */
function renderAlerts() {
  const figures = view.figures;
  const counts = document.getElementById('alert-counts');
  const list = document.getElementById('alert-list');
  if (!figures) {
    counts.replaceChildren();
    list.replaceChildren();
    return;
  }
  const levels = ['RED', 'YELLOW'];
  if (!levels.includes(view.alertLevel)) {
    view.alertLevel = null;
  }
  counts.replaceChildren(...levels.map(level => el('button', {
    type: 'button', class: `alert-count alert-${level.toLowerCase()}${view.alertLevel === level ? ' selected' : ''}`,
    'data-level': level, 'aria-pressed': String(view.alertLevel === level),
    onclick: () => {
      view.alertLevel = view.alertLevel === level ? null : level;
      renderAlerts();
    }
  }, el('span', { class: 'alert-label' }, t('alertLevels')[level]),
  el('strong', { class: 'alert-number' }, TEXT[app.lang].projectsCount(figures.alertCounts[level] || 0)))));
  if (!view.alertLevel) {
    const none = levels.every(level => !figures.alertCounts[level]);
    list.replaceChildren(none ? el('p', { class: 'empty' }, t('noAlerts')) : '');
    return;
  }
  const shown = figures.alertList;
  if (!shown || shown.level !== view.alertLevel || shown.lang !== app.lang) {
    list.replaceChildren(el('p', { class: 'empty' }, t('loading')));
    const asked = `${view.alertLevel}|${app.lang}`;
    if (figures.alertListAsked !== asked) { // a redraw while it loads does not ask again
      figures.alertListAsked = asked;
      loadAlertList(figures, view.alertLevel, app.lang);
    }
    return;
  }
  const columns = t('alertColumns');
  const cell = (column, ...content) => el('td', { class: `col-${column}`, 'data-label': columns[column] }, ...content);
  const total = figures.alertCounts[view.alertLevel] || 0;
  list.replaceChildren(shown.alerts.length === ALERT_LIST_LIMIT && total > ALERT_LIST_LIMIT
    ? el('p', { class: 'note alerts-first-only' }, TEXT[app.lang].alertsFirstOnly(shown.alerts.length, total)) : '',
  el('table', { class: 'projects alerts-table' },
    el('thead', {}, el('tr', {}, ['name', 'region', 'rule', 'since', 'detail'].map(c => el('th', { class: `col-${c}` }, columns[c])))),
    el('tbody', {}, shown.alerts.map(a => el('tr', { 'data-alert': a.projectId },
      cell('name', el('a', { href: `/dashboard/projects/${a.projectId}${app.lang === 'en' ? '?lang=en' : ''}` }, a.name)),
      cell('region', regionName(a.regionCode)),
      cell('rule', el('span', {}, el('span', { class: `alert-mark alert-${a.level.toLowerCase()}` }), t('alertRules')[a.rule])),
      cell('since', a.since),
      cell('detail', a.detail))))));
}

/** A level's list shows its longest-standing alerts only: a province's whole list runs to hundreds of thousands. */
const ALERT_LIST_LIMIT = 200;

async function loadAlertList(figures, level, lang) {
  let alerts;
  try {
    alerts = await api(`/api/v1/alerts?${new URLSearchParams({ regionCode: view.region, level, limit: ALERT_LIST_LIMIT })}`,
      { 'Accept-Language': lang === 'en' ? 'en' : 'zh-CN' });
  } catch (error) {
    if (view.figures === figures) {
      figures.alertListAsked = null;
      showError(error);
    }
    return;
  }
  if (view.figures === figures && view.alertLevel === level && app.lang === lang) {
    figures.alertList = { level, lang, alerts };
    renderAlerts();
  }
}

/** Wall mode: full screen where the browser allows it, no filters, figures refreshed in place every interval. */
function enterWall() {
  view.wall = true;
  writeUrl();
  if (document.documentElement.requestFullscreen) {
    document.documentElement.requestFullscreen().catch(() => {}); // refused without a user's gesture: stay windowed
  }
  renderAll();
  scheduleRefresh();
}

function leaveWall() {
  view.wall = false;
  writeUrl();
  if (document.fullscreenElement) {
    document.exitFullscreen().catch(() => {});
  }
  scheduleRefresh();
  renderAll();
}

function scheduleRefresh() {
  clearInterval(view.refreshTimer);
  view.refreshTimer = view.wall ? setInterval(() => {
    if (document.body.dataset.state === 'ready') {
      load(true);
    }
  }, view.refreshSeconds * 1000) : null;
}

async function start() {
  try {
    await loadSession();
  } catch (error) {
    renderHeader(() => {});
    showError(error);
    return;
  }
  readUrl();
  if (app.session.role === 'CLERK') {
    // until clerks have a landing page of their own: the message alone, no empty filters or cards
    document.body.classList.add('not-for-role');
    const explain = () => {
      renderHeader(lang => {
        app.lang = lang;
        setUrl({ lang: lang === 'en' ? 'en' : null });
        explain();
      });
      document.getElementById('error').hidden = false;
      document.getElementById('error').textContent = t('dashboardNeedsRole');
    };
    explain();
    document.body.dataset.state = 'ready';
    return;
  }
  document.getElementById('region-picker').addEventListener('click', () => {
    const tree = document.getElementById('region-tree');
    tree.hidden = !tree.hidden;
  });
  document.addEventListener('click', event => {
    if (!event.target.closest('.region-filter')) {
      document.getElementById('region-tree').hidden = true;
    }
  });
  document.getElementById('wall-mode').addEventListener('click', enterWall);
  document.getElementById('wall-exit').addEventListener('click', leaveWall);
  window.addEventListener('popstate', () => {
    readUrl();
    scheduleRefresh();
    load();
  });
  let resizing = null;
  let width = window.innerWidth;
  window.addEventListener('resize', () => {
    if (window.innerWidth !== width) { // sizes of type and labels follow the width; the height changes nothing
      width = window.innerWidth;
      clearTimeout(resizing);
      resizing = setTimeout(renderAll, 100);
    }
  });
  scheduleRefresh();
  load();
}

window.pipelineDashboard = view;
start();
