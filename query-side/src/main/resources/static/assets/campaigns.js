'use strict';

/*
 * The campaign board of the dashboard (集中签约 / 开工 / 投产活动): the region's campaigns, newest first; a click on one
 * shows what it announced against the same projects today, its follow-through (履约) and the projects that have not
 * started construction, the longest signed first. Drawn into #campaigns by renderCampaignBoard(), which the dashboard
 * calls whenever it draws; the board loads its own figures when the region or the dashboard's asOf changes (the
 * campaigns as known at the end of that day).
 */

const CAMPAIGN_TEXT = {
  zh: {
    campaigns: '集中签约 · 开工 · 投产活动',
    campaignsNote: '发布数为活动举行时冻结的口径；现状为同一批项目今天的统计口径（已取消的不计，作废的剔除）',
    noCampaigns: '本区域暂无活动',
    campaignColumns: { name: '活动', heldOn: '举行日期', status: '状态', announced: '发布', now: '现状', rate: '开工率' },
    campaignStatus: { PLANNED: '筹备中', HELD: '已举行' },
    buckets: { SIGNING: '集中签约', CONSTRUCTION_START: '集中开工', PRODUCTION_START: '集中投产' },
    bucketColumns: { bucket: '板块', announced: '发布', now: '现状' },
    followThrough: '履约情况',
    funnelSteps: { counted: '纳入（不含作废）', constructionStarted: '已开工', productionStarted: '已投产' },
    followThroughNote: (cancelled, voided) => `已取消 ${cancelled} 个，作废 ${voided} 个；比率以纳入项目减作废项目为分母`,
    notStarted: '尚未开工的项目（签约最早的在前）',
    notStartedColumns: { name: '项目', region: '区域', bucket: '板块', signedOn: '签约日期', status: '状态' },
    allStarted: '纳入的项目都已开工',
    listedAsToday: '名单为项目今天的状态，不随“截至”日期回溯',
    projectStatus: { ACTIVE: '正常', SUSPENDED: '暂停', CANCELLED: '已取消', VOIDED: '作废' },
    more: n => `另有 ${n} 个未列出`,
    projectsAndAmount: (projects, amount) => `${projects} 个 · ${amount}`,
    rateDefinition: '开工率 = 纳入项目中至今已开工的个数 ÷（纳入项目数 − 作废项目数）；投产率同理。已取消但曾开工的项目计入已开工。'
  },
  en: {
    campaigns: 'Signing, commencement and production campaigns',
    campaignsNote: 'Announced: frozen when the campaign was held. Now: the same projects as the statistics count them today (cancelled ones left out, voided ones dropped)',
    noCampaigns: 'No campaigns in this region',
    campaignColumns: { name: 'Campaign', heldOn: 'Held on', status: 'Status', announced: 'Announced', now: 'Now', rate: 'Started' },
    campaignStatus: { PLANNED: 'Planned', HELD: 'Held' },
    buckets: { SIGNING: 'Signing', CONSTRUCTION_START: 'Construction start', PRODUCTION_START: 'Production start' },
    bucketColumns: { bucket: 'Bucket', announced: 'Announced', now: 'Now' },
    followThrough: 'Follow-through',
    funnelSteps: { counted: 'Enrolled (less voided)', constructionStarted: 'Construction started', productionStarted: 'Production started' },
    followThroughNote: (cancelled, voided) => `${cancelled} cancelled, ${voided} voided; rates are over the enrolled projects less the voided`,
    notStarted: 'Projects not started yet (longest signed first)',
    notStartedColumns: { name: 'Project', region: 'Region', bucket: 'Bucket', signedOn: 'Signed on', status: 'Status' },
    allStarted: 'Every enrolled project has started construction',
    listedAsToday: 'The list shows the projects as they are today, not as of the chosen date',
    projectStatus: { ACTIVE: 'Active', SUSPENDED: 'Suspended', CANCELLED: 'Cancelled', VOIDED: 'Voided' },
    more: n => `${n} more not listed`,
    projectsAndAmount: (projects, amount) => `${projects} · ${amount}`,
    rateDefinition: 'Construction start rate = enrolled projects that have started construction by now ÷ (enrolled − voided); the production start rate likewise. A cancelled project that had started counts as started.'
  }
};
Object.assign(TEXT.zh, CAMPAIGN_TEXT.zh);
Object.assign(TEXT.en, CAMPAIGN_TEXT.en);

const board = { key: null, campaigns: null, selected: null, projects: null, loading: 0 };
/** The not-started projects listed at most; the rest are counted. */
const NOT_STARTED_SHOWN = 20;

function campaignTotals(buckets, which) {
  return buckets.reduce((sum, b) => b[which] ? { projects: sum.projects + b[which].projects,
    yuan: sum.yuan + Number(b[which].plannedInvestmentYuan) } : sum, { projects: 0, yuan: 0 });
}

function figuresText(figures) {
  return figures ? TEXT[app.lang].projectsAndAmount(figures.projects, formatAmount(figures.yuan ?? figures.plannedInvestmentYuan)) : '—';
}

function boardKey() {
  return `${view.region}|${view.asOf || ''}`;
}

async function loadCampaigns() {
  const generation = ++board.loading;
  board.key = boardKey();
  board.campaigns = null;
  board.selected = null;
  board.projects = null;
  const query = { regionCode: view.region };
  if (view.asOf) {
    query.asOf = endOfDayInBeijing(view.asOf);
  }
  try {
    const campaigns = await api(`/api/v1/campaigns?${new URLSearchParams(query)}`);
    if (generation === board.loading) {
      board.campaigns = campaigns;
      renderCampaignBoard();
      performance.mark('campaigns-ready'); // the harness times the dashboard until its last panel is drawn
    }
  } catch (error) {
    if (generation === board.loading) {
      board.campaigns = [];
      renderCampaignBoard();
    }
  }
}

async function selectCampaign(campaignId) {
  if (board.selected && board.selected.campaignId === campaignId) {
    board.selected = null;
    board.projects = null;
    renderCampaignBoard();
    return;
  }
  board.selected = board.campaigns.find(c => c.campaignId === campaignId);
  board.projects = null;
  renderCampaignBoard();
  const projects = await api(`/api/v1/campaigns/${campaignId}/projects`);
  if (board.selected && board.selected.campaignId === campaignId) {
    board.projects = projects;
    renderCampaignBoard();
  }
}

function campaignList() {
  const columns = t('campaignColumns');
  const cell = (column, ...content) => el('td', { class: `col-${column}`, 'data-label': columns[column] }, ...content);
  return el('table', { class: 'projects campaigns-table' },
    el('thead', {}, el('tr', {}, Object.keys(columns).map(c => el('th', { class: `col-${c}`,
      title: c === 'rate' ? t('rateDefinition') : null }, columns[c])))),
    el('tbody', {}, board.campaigns.map(c => {
      const announced = c.status === 'HELD' ? campaignTotals(c.buckets, 'announced') : null;
      const rate = c.followThrough.constructionStartRate;
      return el('tr', { 'data-campaign': c.campaignId, class: board.selected?.campaignId === c.campaignId ? 'selected' : '' },
        cell('name', el('button', { type: 'button', class: 'link', 'aria-expanded': String(board.selected?.campaignId === c.campaignId),
          onclick: () => selectCampaign(c.campaignId) }, c.name)),
        cell('heldOn', c.heldOn),
        cell('status', t('campaignStatus')[c.status]),
        cell('announced', figuresText(announced)),
        cell('now', figuresText(campaignTotals(c.buckets, 'now'))),
        cell('rate', rate === null ? '—' : formatPercent(rate, 1)));
    })));
}

function campaignDetail(c) {
  const columns = t('bucketColumns');
  const buckets = el('table', { class: 'projects buckets-table', 'data-buckets': c.campaignId },
    el('thead', {}, el('tr', {}, Object.keys(columns).map(k => el('th', { class: `col-${k}` }, columns[k])))),
    el('tbody', {}, c.buckets.map(b => el('tr', { 'data-bucket': b.bucket },
      el('td', { 'data-label': columns.bucket }, t('buckets')[b.bucket]),
      el('td', { 'data-label': columns.announced, class: 'announced' }, b.announced ? figuresText(b.announced) : '—'),
      el('td', { 'data-label': columns.now, class: 'now' }, figuresText(b.now))))));
  const f = c.followThrough;
  const counted = f.enrolled - f.voided;
  const steps = [['counted', counted], ['constructionStarted', f.constructionStarted], ['productionStarted', f.productionStarted]];
  const funnel = el('div', { class: 'follow-through', 'data-follow-through': c.campaignId },
    steps.map(([step, n]) => el('div', { class: 'follow-step', 'data-step': step },
      el('span', { class: 'follow-label' }, t('funnelSteps')[step]),
      el('span', { class: 'follow-bar' }, el('span', { class: `follow-fill fill-${step}`,
        style: `width:${counted ? Math.round(100 * n / counted) : 0}%` })),
      el('strong', { class: 'follow-number' }, `${n}${step === 'counted' ? '' : ` · ${formatPercent(n, counted)}`}`))));
  const notStartedColumns = t('notStartedColumns');
  const waiting = board.projects ? board.projects.filter(p => !p.constructionStartedOn
    && (p.status === 'ACTIVE' || p.status === 'SUSPENDED')) : null;
  const list = waiting === null ? el('p', { class: 'empty' }, t('loading'))
    : waiting.length === 0 ? el('p', { class: 'empty' }, t('allStarted'))
      : el('table', { class: 'projects not-started', 'data-not-started': c.campaignId },
        el('thead', {}, el('tr', {}, Object.keys(notStartedColumns).map(k => el('th', { class: `col-${k}` }, notStartedColumns[k])))),
        el('tbody', {}, waiting.slice(0, NOT_STARTED_SHOWN).map(p => el('tr', { 'data-project': p.projectId },
          el('td', { 'data-label': notStartedColumns.name },
            el('a', { href: `/dashboard/projects/${p.projectId}${app.lang === 'en' ? '?lang=en' : ''}` }, p.name)),
          el('td', { 'data-label': notStartedColumns.region }, regionName(p.regionCode)),
          el('td', { 'data-label': notStartedColumns.bucket }, t('buckets')[p.bucket]),
          el('td', { 'data-label': notStartedColumns.signedOn }, p.signedOn || '—'),
          el('td', { 'data-label': notStartedColumns.status }, t('projectStatus')[p.status] || p.status)))));
  return el('div', { class: 'campaign-detail', 'data-campaign-detail': c.campaignId },
    el('h3', {}, c.name, ' ', el('small', {}, `${c.heldOn} · ${t('campaignStatus')[c.status]}`)),
    el('div', { class: 'campaign-columns' }, buckets,
      el('div', {}, el('h4', { title: t('rateDefinition') }, t('followThrough')), funnel,
        el('p', { class: 'note' }, TEXT[app.lang].followThroughNote(f.cancelled, f.voided)))),
    el('h4', { class: 'not-started-title' }, t('notStarted'), waiting ? ` · ${waiting.length}` : ''),
    view.asOf ? el('p', { class: 'note' }, t('listedAsToday')) : '', list,
    waiting && waiting.length > NOT_STARTED_SHOWN
      ? el('p', { class: 'note' }, TEXT[app.lang].more(waiting.length - NOT_STARTED_SHOWN)) : '');
}

/** Draws the board from what is loaded; a new region loads its campaigns first. */
function renderCampaignBoard() {
  const section = document.getElementById('campaigns');
  if (!section) {
    return;
  }
  if (view.region && boardKey() !== board.key) {
    loadCampaigns();
  }
  const body = board.campaigns === null ? [el('p', { class: 'empty' }, t('loading'))]
    : board.campaigns.length === 0 ? [el('p', { class: 'empty' }, t('noCampaigns'))]
      : [campaignList(), board.selected ? campaignDetail(board.selected) : ''];
  section.replaceChildren(
    el('h2', {}, el('span', {}, t('campaigns')), ' ', el('small', {}, t('campaignsNote'))),
    ...body);
}
