'use strict';

/*
 * The workbench's campaigns (集中签约 / 开工 / 投产活动): the user's campaigns; plan one; enrol projects found by a
 * search or by pasting their project codes, each into a bucket; withdraw one; hold the campaign. Every change goes through the contract's
 * campaign commands (with the session's CSRF token and an Idempotency-Key per form) and the page reads its own write
 * back with awaitPosition. Loaded before workbench.js, which routes /workbench/campaigns here.
 */

const CAMPAIGN_WB_TEXT = {
  zh: {
    title: '集中签约 · 开工 · 投产活动',
    none: '暂无活动',
    create: '新建活动',
    name: '活动名称',
    region: '活动区域',
    heldOn: '举行日期',
    heldOnHint: '可以是将来的日期；举行当日或之后才能确认举行',
    status: { PLANNED: '筹备中', HELD: '已举行' },
    buckets: { SIGNING: '集中签约', CONSTRUCTION_START: '集中开工', PRODUCTION_START: '集中投产' },
    bucket: '板块',
    codes: '项目代码',
    codesHint: '粘贴项目代码，每行一个（也可用空格或逗号分隔）',
    search: '查找项目',
    searchHint: '输入项目名称、投资方或代码的一部分，在结果中点“纳入活动”',
    noMatch: '活动区域内没有匹配的项目',
    enrol: '纳入活动',
    enrolled: n => `已纳入 ${n} 个项目`,
    notFound: code => `${code}：没有这个项目代码`,
    hold: '确认举行',
    holdConfirm: '举行后发布的数字将固定，不能再纳入或移出项目。确认举行？',
    held: '活动已举行，发布的数字已固定。',
    withdraw: '移出',
    projects: '纳入的项目',
    noProjects: '尚未纳入项目',
    columns: { name: '项目', code: '项目代码', bucket: '板块', signedOn: '签约日期', stage: '阶段', action: '' },
    open: '打开',
    created: '活动已建立。',
    enrolledCount: n => `${n} 个项目`
  },
  en: {
    title: 'Signing, commencement and production campaigns',
    none: 'No campaigns yet',
    create: 'Plan a campaign',
    name: 'Campaign name',
    region: 'Region',
    heldOn: 'Held on',
    heldOnHint: 'May lie in the future; the campaign can be held on that day or later',
    status: { PLANNED: 'Planned', HELD: 'Held' },
    buckets: { SIGNING: 'Signing', CONSTRUCTION_START: 'Construction start', PRODUCTION_START: 'Production start' },
    bucket: 'Bucket',
    codes: 'Project codes',
    codesHint: 'Paste project codes, one a line (or separated by spaces or commas)',
    search: 'Find a project',
    searchHint: 'Type part of a name, investor or code, then "Enrol" one of the matches',
    noMatch: 'No project of the campaign\'s region matches',
    enrol: 'Enrol',
    enrolled: n => `${n} project(s) enrolled`,
    notFound: code => `${code}: no project has this code`,
    hold: 'Hold the campaign',
    holdConfirm: 'Once held, its announced figures are frozen and no project can be enrolled or withdrawn. Hold it?',
    held: 'The campaign is held; its announced figures are frozen.',
    withdraw: 'Withdraw',
    projects: 'Enrolled projects',
    noProjects: 'No project enrolled yet',
    columns: { name: 'Project', code: 'Project code', bucket: 'Bucket', signedOn: 'Signed on', stage: 'Stage', action: '' },
    open: 'Open',
    created: 'The campaign is planned.',
    enrolledCount: n => `${n} project(s)`
  }
};
TEXT.zh.cwb = CAMPAIGN_WB_TEXT.zh;
TEXT.en.cwb = CAMPAIGN_WB_TEXT.en;

function cw(key) {
  return t(`cwb.${key}`);
}

const cwb = { campaigns: null, selected: null, projects: null, notice: null };

/** A campaign command with the session, its CSRF token and an Idempotency-Key; resolves like postFromPage. */
async function campaignCommand(method, path, body, key) {
  if (method === 'POST') {
    return postFromPage(path, body, { 'Content-Type': 'application/json', 'Idempotency-Key': key });
  }
  const headers = { ...apiHeaders(), 'Idempotency-Key': key };
  headers[meta('_csrf_header') || 'X-CSRF-TOKEN'] = meta('_csrf');
  try {
    const response = await fetch(path, { method, headers, credentials: 'same-origin' });
    return { ok: response.ok, status: response.status, answer: await response.json().catch(() => null) };
  } catch (networkFailure) {
    return { ok: false, status: 0, answer: null };
  }
}

async function showCampaigns(position) {
  const wait = position ? `&awaitPosition=${position}` : '';
  cwb.campaigns = await api(`/api/v1/campaigns?regionCode=${encodeURIComponent(app.session.regionCode)}${wait}`);
  const selected = new URLSearchParams(location.search).get('campaign');
  cwb.selected = cwb.campaigns.find(c => c.campaignId === selected) || null;
  cwb.projects = cwb.selected ? await api(`/api/v1/campaigns/${cwb.selected.campaignId}/projects`) : null;
  renderCampaigns();
}

function openCampaign(campaignId) {
  const query = new URLSearchParams(location.search);
  if (campaignId) {
    query.set('campaign', campaignId);
  } else {
    query.delete('campaign');
  }
  history.replaceState(null, '', `${location.pathname}?${query}`);
  cwb.notice = null;
  return showCampaigns();
}

function afterCampaignCommand(result, message) {
  cwb.notice = notice('ok', message);
  return showCampaigns(result.answer.position).then(() => {
    document.querySelector('#page .notice')?.scrollIntoView({ block: 'nearest' });
  });
}

function createCampaignForm() {
  return commandForm({
    action: 'create-campaign',
    submitLabel: cw('create'),
    fields: [
      { name: 'name', label: cw('name'), required: true },
      { name: 'regionCode', label: cw('region'), kind: 'select', options: regionOptions(), value: app.session.regionCode,
        required: true },
      { name: 'heldOn', label: cw('heldOn'), kind: 'date', required: true, hint: cw('heldOnHint') }],
    send: (values, key) => campaignCommand('POST', '/api/v1/campaigns', jsonBody(values), key),
    done: result => {
      history.replaceState(null, '', href('/workbench/campaigns', { campaign: result.answer.campaignId }));
      afterCampaignCommand(result, cw('created'));
    }
  });
}

/**
 * Search and pick: the projects of the campaign's region matching what is typed (the list's own search), each with a
 * button that enrols it into the bucket chosen below — also projects that have no project code to paste.
 */
function projectPicker(campaign, bucket) {
  const input = el('input', { type: 'search', id: 'f-enrol-search', autocomplete: 'off' });
  const results = el('ul', { class: 'pick-results', id: 'enrol-results' });
  let typing = null;
  const search = async () => {
    const q = input.value.trim();
    if (q.length < 2) {
      results.replaceChildren();
      return;
    }
    const found = await api(`/api/v1/projects?${new URLSearchParams({ q, regionCode: campaign.regionCode, size: '10' })}`);
    if (input.value.trim() !== q) {
      return; // typed on meanwhile: the newer search draws
    }
    results.replaceChildren(...(found.items.length ? found.items.map(p => el('li', { 'data-project': p.projectId },
      el('span', {}, p.name, p.projectCode ? el('small', {}, ` ${p.projectCode}`) : null),
      el('button', { type: 'button', class: 'secondary', 'data-action': 'pick', onclick: () => enrolPicked(p) },
        cw('enrol')))) : [el('li', { class: 'note' }, cw('noMatch'))]));
  };
  const enrolPicked = async project => {
    const result = await campaignCommand('POST', `/api/v1/campaigns/${campaign.campaignId}/projects`,
      jsonBody({ projectId: project.projectId, bucket: bucket.value }),
      `${campaign.campaignId}:${project.projectId}:${bucket.value}`);
    if (result.ok) {
      afterCampaignCommand(result, `${project.name}：${cw('enrolled')(1)}`);
    } else {
      cwb.notice = notice('refused', `${project.name}：${refusalText(result)}`);
      renderCampaigns();
    }
  };
  input.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(search, 250);
  });
  return el('div', { class: 'field' }, el('label', { for: 'f-enrol-search' }, cw('search')), input,
    el('div', { class: 'hint' }, cw('searchHint')), results);
}

/** Each pasted code is looked up, then enrolled; one line of outcome per code. */
function enrolForm(campaign) {
  const codes = el('textarea', { id: 'f-enrol-projectCodes', name: 'projectCodes', rows: 5, required: true,
    'data-kind': 'codes' });
  const bucket = el('select', { id: 'f-enrol-bucket', name: 'bucket' },
    Object.entries(cw('buckets')).map(([value, label]) => el('option', { value }, label)));
  const messages = el('div', { class: 'form-messages' });
  const submit = el('button', { type: 'submit', class: 'primary', 'data-action': 'enrol' }, cw('enrol'));
  const form = el('form', { class: 'command-form', 'data-form': 'enrol', novalidate: true },
    projectPicker(campaign, bucket),
    el('div', { class: 'field' }, el('label', { for: 'f-enrol-projectCodes' }, cw('codes')), codes,
      el('div', { class: 'hint' }, cw('codesHint'))),
    el('div', { class: 'field' }, el('label', { for: 'f-enrol-bucket' }, cw('bucket')), bucket),
    messages, el('div', { class: 'form-buttons' }, submit));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const wanted = [...new Set(codes.value.split(/[\s,，;；]+/).map(c => c.trim()).filter(Boolean))];
    if (!wanted.length || submit.disabled) {
      return;
    }
    submit.disabled = true;
    const refusals = [];
    let last = null;
    for (const code of wanted) {
      const found = await api(`/api/v1/projects?${new URLSearchParams({ q: code, size: '20' })}`);
      const project = found.items.find(p => p.projectCode === code);
      if (!project) {
        refusals.push(cw('notFound')(code));
        continue;
      }
      const result = await campaignCommand('POST', `/api/v1/campaigns/${campaign.campaignId}/projects`,
        jsonBody({ projectId: project.projectId, bucket: bucket.value }), `${campaign.campaignId}:${code}:${bucket.value}`);
      if (result.ok) {
        last = result;
      } else {
        refusals.push(`${code}：${refusalText(result)}`);
      }
    }
    submit.disabled = false;
    const enrolled = wanted.length - refusals.length;
    if (last) {
      await showCampaigns(last.answer.position);
    }
    const shown = document.querySelector('[data-form="enrol"] .form-messages') || messages;
    shown.replaceChildren(...(enrolled ? [notice('ok', cw('enrolled')(enrolled))] : []),
      ...(refusals.length ? [notice('refused', refusals.join('\n'))] : []));
  });
  return form;
}

function holdButton(campaign) {
  const key = newIdempotencyKey();
  const messages = el('div', { class: 'form-messages' });
  const button = el('button', { type: 'button', class: 'primary', 'data-action': 'hold', onclick: async () => {
    if (!window.confirm(cw('holdConfirm'))) {
      return;
    }
    const result = await campaignCommand('POST', `/api/v1/campaigns/${campaign.campaignId}/hold`, '', key);
    if (result.ok) {
      afterCampaignCommand(result, cw('held'));
    } else {
      messages.replaceChildren(notice('refused', refusalText(result)));
    }
  } }, cw('hold'));
  return el('div', { class: 'hold-campaign' }, button, messages);
}

function enrolledTable(campaign) {
  if (!cwb.projects.length) {
    return el('p', { class: 'empty' }, cw('noProjects'));
  }
  const columns = cw('columns');
  const cell = (column, ...content) => el('td', { class: `col-${column}`, 'data-label': columns[column] }, ...content);
  return el('table', { class: 'projects enrolled-projects' },
    el('thead', {}, el('tr', {}, Object.keys(columns).map(c => el('th', { class: `col-${c}` }, columns[c])))),
    el('tbody', {}, cwb.projects.map(p => el('tr', { 'data-project': p.projectId },
      cell('name', el('a', { href: href(`/workbench/projects/${p.projectId}`) }, p.name)),
      cell('code', p.projectCode || '—'),
      cell('bucket', cw('buckets')[p.bucket]),
      cell('signedOn', p.signedOn || '—'),
      cell('stage', t('stages')?.[p.stage] || p.stage),
      cell('action', campaign.status === 'PLANNED' ? el('button', { type: 'button', class: 'secondary',
        'data-action': 'withdraw', onclick: async () => {
          const result = await campaignCommand('DELETE',
            `/api/v1/campaigns/${campaign.campaignId}/projects/${p.projectId}`, null, newIdempotencyKey());
          if (result.ok) {
            afterCampaignCommand(result, `${p.name}：${cw('withdraw')} ✓`);
          } else {
            cwb.notice = notice('refused', refusalText(result));
            renderCampaigns();
          }
        } }, cw('withdraw')) : '')))));
}

function renderCampaigns() {
  const page = document.getElementById('page');
  if (!cwb.campaigns) {
    return;
  }
  const list = cwb.campaigns.length === 0 ? el('p', { class: 'empty' }, cw('none'))
    : el('ul', { class: 'campaign-list' }, cwb.campaigns.map(c => el('li', {
      'data-campaign': c.campaignId, class: cwb.selected?.campaignId === c.campaignId ? 'selected' : '' },
    el('button', { type: 'button', class: 'link', onclick: () => openCampaign(c.campaignId) }, c.name),
    el('span', { class: 'campaign-meta' }, `${c.heldOn} · ${regionName(c.regionCode)} · ${cw('status')[c.status]}`
      + ` · ${cw('enrolledCount')(c.followThrough.enrolled)}`))));
  const c = cwb.selected;
  const detail = c ? el('section', { class: 'card campaign-panel', 'data-campaign-id': c.campaignId,
    'data-status': c.status },
  el('h2', {}, c.name, ' ', el('small', {}, `${c.heldOn} · ${cw('status')[c.status]}`)),
  cwb.notice,
  c.status === 'PLANNED' ? [enrolForm(c), holdButton(c)] : null,
  el('h3', {}, cw('projects')),
  enrolledTable(c)) : null;
  page.replaceChildren(el('div', { class: 'campaigns-page' },
    el('section', { class: 'card' }, el('h2', {}, cw('title')), list),
    detail,
    el('section', { class: 'card' }, el('h2', {}, cw('create')), createCampaignForm())));
}
