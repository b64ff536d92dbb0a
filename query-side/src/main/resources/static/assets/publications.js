// Published figures (contract: "Published figures and restatements"): the tile action that publishes a dashboard
// figure (leaders and admins), the list of publications with their restated mark, and one publication — published vs
// now, and every change with the event that caused it, linking to the project's record.
'use strict';

const PUBLICATION_TEXT = {
  zh: {
    publish: '发布此数', publishTitle: '发布标题', confirm: '确认发布', cancel: '取消',
    listTitle: '已发布数据', none: '尚无发布的数据。', back: '返回总览', backToList: '全部发布',
    title: '标题', question: '口径', published: '发布时', now: '当前', change: '变动', publishedAt: '发布时间',
    restated: '已重述', unchanged: '未变', changesTitle: '变动原因（发布后记录的事件）', noChanges: '发布后没有任何变动。',
    by: '记录人', reason: '原因', position: '日志位置',
    effects: { ADDED: '新增计入', REMOVED: '不再计入', AMOUNT_CHANGED: '金额变动' },
    causes: {
      ProjectRegisteredEvent: '补录入库', ProjectSignedEvent: '签约', ConstructionStartedEvent: '开工',
      ConstructionCompletedEvent: '竣工', ProductionStartedEvent: '投产', PlannedInvestmentRevisedEvent: '调整计划总投资',
      MilestoneDateCorrectedEvent: '更正节点日期', ProjectDetailsCorrectedEvent: '更正登记信息', ProjectVoidedEvent: '作废'
    },
    milestones: { REGISTERED: '入库', SIGNED: '签约', CONSTRUCTION_STARTED: '开工', CONSTRUCTION_COMPLETED: '竣工',
      PRODUCTION_STARTED: '投产' },
    defaultTitle: (region, from, to, milestone) => `${region} ${from} 至 ${to} ${milestone}项目`,
    projects: n => `${n > 0 ? '+' : ''}${formatInteger(n, 'zh')} 个`
  },
  en: {
    publish: 'Publish this figure', publishTitle: 'Title', confirm: 'Publish', cancel: 'Cancel',
    listTitle: 'Published figures', none: 'Nothing has been published yet.', back: 'Back to the overview',
    backToList: 'All publications',
    title: 'Title', question: 'Question', published: 'Published', now: 'Now', change: 'Change',
    publishedAt: 'Published at', restated: 'Restated', unchanged: 'Unchanged',
    changesTitle: 'Why it changed (events recorded after publication)', noChanges: 'Nothing has changed since.',
    by: 'by', reason: 'reason', position: 'log position',
    effects: { ADDED: 'Now counted', REMOVED: 'No longer counted', AMOUNT_CHANGED: 'Amount changed' },
    causes: {
      ProjectRegisteredEvent: 'Late registration', ProjectSignedEvent: 'Signed', ConstructionStartedEvent:
        'Construction started', ConstructionCompletedEvent: 'Construction completed', ProductionStartedEvent:
        'Production started', PlannedInvestmentRevisedEvent: 'Planned investment revised', MilestoneDateCorrectedEvent:
        'Milestone date corrected', ProjectDetailsCorrectedEvent: 'Registered details corrected', ProjectVoidedEvent:
        'Voided'
    },
    milestones: { REGISTERED: 'registered', SIGNED: 'signed', CONSTRUCTION_STARTED: 'construction started',
      CONSTRUCTION_COMPLETED: 'completed', PRODUCTION_STARTED: 'in production' },
    defaultTitle: (region, from, to, milestone) => `${region}: projects ${milestone}, ${from} to ${to}`,
    projects: n => `${n > 0 ? '+' : ''}${formatInteger(n, 'en')} ${Math.abs(n) === 1 ? 'project' : 'projects'}`
  }
};

function pt(key) {
  return key.split('.').reduce((node, part) => (node == null ? undefined : node[part]), PUBLICATION_TEXT[app.lang]);
}

/** A POST with the page's session and CSRF token; resolves to the answer, or throws an ApiError. */
async function postPublication(body) {
  const headers = { ...apiHeaders(), 'Content-Type': 'application/json' };
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  headers[header ? header.content : 'X-CSRF-TOKEN'] = token ? token.content : '';
  const response = await fetch('/api/v1/publications', { method: 'POST', headers, body: JSON.stringify(body),
    credentials: 'same-origin' });
  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, answer);
  }
  return answer;
}

/**
 * The dashboard's hook: under a tile, the action that publishes its figure, for leaders and admins, when the tile
 * shows today's answer. {@code question} is the statistics question the tile asked.
 */
function tileActions(milestone, question) {
  if (!app.session || !['LEADER', 'ADMIN'].includes(app.session.role) || question.asOf) {
    return null;
  }
  const holder = el('div', { class: 'tile-actions' });
  const open = () => {
    const title = el('input', { type: 'text', maxlength: 300, 'aria-label': pt('publishTitle'),
      value: pt('defaultTitle')(regionName(question.regionCode), question.from, question.to,
        pt('milestones')[milestone]) });
    const failure = el('div', { class: 'error', role: 'alert', hidden: true });
    holder.replaceChildren(el('div', { class: 'tile-publish-form' }, title,
      el('button', { type: 'button', class: 'tile-publish-confirm', onclick: async () => {
        try {
          const published = await postPublication({ title: title.value.trim(), question: { milestone,
            regionCode: question.regionCode, from: question.from, to: question.to,
            industry: question.industry || undefined } });
          location.href = `/dashboard/publications/${encodeURIComponent(published.publicationId)}`
            + (app.lang === 'en' ? '?lang=en' : '');
        } catch (error) {
          failure.hidden = false;
          failure.textContent = error.message;
        }
      } }, pt('confirm')),
      el('button', { type: 'button', onclick: () => holder.replaceChildren(button()) }, pt('cancel'))), failure);
    title.focus();
  };
  const button = () => el('button', { type: 'button', class: 'tile-publish', 'data-publish': milestone,
    onclick: open }, pt('publish'));
  holder.append(button());
  return holder;
}

function questionText(q) {
  const parts = [regionName(q.regionCode), `${q.from} – ${q.to}`, pt('milestones')[q.milestone]];
  if (q.industry) {
    parts.push(industryName(q.industry));
  }
  if (q.sourceRegion) {
    parts.push(q.sourceRegion);
  }
  return parts.join(' · ');
}

function figure(answer) {
  return `${TEXT[app.lang].projectsCount(answer.projects)} · ${formatAmount(answer.plannedInvestmentYuan)}`;
}

function mark(restated) {
  return restated ? el('span', { class: 'restated-mark', 'data-restated': 'true' }, pt('restated'))
    : el('span', { class: 'unchanged-mark', 'data-restated': 'false' }, pt('unchanged'));
}

function withLang(path) {
  return app.lang === 'en' ? `${path}?lang=en` : path;
}

function listView(publications) {
  if (publications.length === 0) {
    return [el('h2', {}, pt('listTitle')), el('p', { class: 'note' }, pt('none'))];
  }
  return [el('h2', {}, pt('listTitle')),
    el('table', { class: 'publication-list', id: 'publication-list' },
      el('thead', {}, el('tr', {}, ...['title', 'question', 'published', 'now', 'change', 'publishedAt']
        .map(key => el('th', {}, pt(key))))),
      el('tbody', {}, ...publications.map(p => el('tr', { 'data-publication': p.publicationId },
        el('td', {}, el('a', { href: withLang(`/dashboard/publications/${encodeURIComponent(p.publicationId)}`) },
          p.title)),
        el('td', {}, questionText(p.question)),
        el('td', { class: 'figure', 'data-label': pt('published') }, figure(p.published)),
        el('td', { class: 'figure', 'data-label': pt('now') }, figure(p.current)),
        el('td', {}, mark(p.restated)),
        el('td', {}, formatInstant(p.publishedAt))))))];
}

function delta(label, projects, yuan) {
  const sign = Number(yuan) < 0 || projects < 0 ? 'negative' : (Number(yuan) > 0 || projects > 0 ? 'positive' : '');
  return el('div', { class: `delta ${sign}` }, el('div', {}, label),
    el('div', { class: 'value' }, pt('projects')(projects)),
    el('div', {}, `${Number(yuan) > 0 ? '+' : ''}${formatAmount(yuan)}`));
}

function publicationView(p) {
  const diffProjects = p.current.projects - p.published.projects;
  const diffYuan = Number(p.current.plannedInvestmentYuan) - Number(p.published.plannedInvestmentYuan);
  return [
    el('h2', {}, p.title, ' ', mark(p.restated)),
    el('p', { class: 'question' }, questionText(p.question)),
    el('p', { class: 'question' }, `${pt('publishedAt')}: ${formatInstant(p.publishedAt)} · ${pt('position')} ${p.position}`),
    el('div', { class: 'compare' },
      el('div', { id: 'published' }, el('div', {}, pt('published')), el('div', { class: 'value' },
        TEXT[app.lang].projectsCount(p.published.projects)), el('div', {}, formatAmount(p.published.plannedInvestmentYuan))),
      el('div', { id: 'current' }, el('div', {}, pt('now')), el('div', { class: 'value' },
        TEXT[app.lang].projectsCount(p.current.projects)), el('div', {}, formatAmount(p.current.plannedInvestmentYuan))),
      delta(pt('change'), diffProjects, diffYuan)),
    el('h2', {}, pt('changesTitle')),
    p.changes.length === 0 ? el('p', { class: 'note' }, pt('noChanges'))
      : el('ol', { class: 'changes', id: 'changes' }, ...p.changes.map(c => el('li', { 'data-effect': c.effect },
        el('div', {}, el('a', { href: withLang(`/dashboard/projects/${encodeURIComponent(c.projectId)}`) },
          c.name || c.projectId), ' · ', pt('effects')[c.effect]),
        el('div', { class: 'figure' }, `${pt('projects')(c.projectsDelta)} · ${Number(c.yuanDelta) > 0 ? '+' : ''}`
          + formatAmount(c.yuanDelta)),
        el('div', { class: 'cause' }, [pt('causes')[c.cause.type] || c.cause.type, formatInstant(c.cause.recordedAt),
          `${pt('by')} ${c.cause.actor}`, c.cause.reason ? `${pt('reason')}: ${c.cause.reason}` : null,
          `${pt('position')} ${c.cause.position}`].filter(Boolean).join(' · ')))))
  ];
}

/** A publication just made may not be projected yet (the query side is eventually consistent): ask again, 5 s at most. */
async function publicationOnceProjected(id) {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      return await api(`/api/v1/publications/${encodeURIComponent(id)}`);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404 || Date.now() > deadline) {
        throw error;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
  }
}

async function startPublicationsPage() {
  const id = location.pathname.startsWith('/dashboard/publications/')
    ? decodeURIComponent(location.pathname.substring('/dashboard/publications/'.length)) : null;
  let loaded = null;
  const render = () => {
    renderHeader(lang => {
      app.lang = lang;
      setUrl({ lang: lang === 'en' ? 'en' : null });
      render();
    });
    const back = document.getElementById('back');
    back.textContent = `‹ ${id ? pt('backToList') : pt('back')}`;
    back.href = withLang(id ? '/dashboard/publications' : '/');
    if (loaded) {
      document.getElementById('publications').replaceChildren(...(id ? publicationView(loaded) : listView(loaded)));
    }
  };
  try {
    await loadSession();
    render();
    loaded = id ? await publicationOnceProjected(id) : await api('/api/v1/publications');
    render();
    document.body.dataset.state = 'ready';
  } catch (error) {
    render();
    showError(error);
  }
}

if (document.body.classList.contains('publications-page')) {
  startPublicationsPage();
}
