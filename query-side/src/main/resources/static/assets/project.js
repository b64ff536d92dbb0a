// A project's page: its figures now (GET /api/v1/projects/{id}) or as known on a chosen day, and its milestone
// timeline from GET /api/v1/projects/{id}/history (drawn by project-record.js).
'use strict';

const page = {
  id: decodeURIComponent(location.pathname.split('/').pop()),
  project: null,
  history: null,
  asOf: null
};

function knownEntries() {
  if (!page.asOf) {
    return page.history;
  }
  const until = endOfDayInBeijing(page.asOf);
  return page.history.filter(entry => new Date(entry.recordedAt) <= new Date(until));
}

function render() {
  const labels = t('project');
  renderHeader(lang => {
    app.lang = lang;
    navigate();
  });
  const back = document.getElementById('back');
  back.textContent = `‹ ${t('back')}`;
  back.href = app.lang === 'en' ? '/?lang=en' : '/';
  document.getElementById('as-of-label').textContent = t('asOf');
  document.getElementById('as-of-controls').replaceChildren(
    dateInput('as-of', page.asOf, date => {
      page.asOf = date;
      navigate();
    }, todayInBeijing()),
    el('button', { id: 'as-of-now', class: page.asOf ? '' : 'active', onclick: () => {
      page.asOf = null;
      navigate();
    } }, t('asOfNow')));
  const banner = document.getElementById('as-of-banner');
  banner.hidden = !page.asOf;
  banner.textContent = page.asOf ? TEXT[app.lang].asOfBanner(page.asOf) : '';
  document.getElementById('timeline-title').textContent = labels.timeline;
  if (!page.project) {
    return;
  }
  const project = page.project;
  const known = knownEntries();
  const figures = page.asOf ? asKnown(known) : project;
  // the detail endpoint has no progress: the latest report comes from the record, as known on the chosen day
  const progress = asKnown(known).progress;
  if (page.asOf && known.length === 0) {
    banner.textContent += `　${labels.notYetKnown}`;
  }
  document.getElementById('project').replaceChildren(...projectCard(project, figures, progress, known));
  document.getElementById('timeline').replaceChildren(
    ...recordEntries(page.history, new Set(known.map(entry => entry.version))));
}

function navigate() {
  setUrl({ asOf: page.asOf, lang: app.lang === 'en' ? 'en' : null });
  render();
}

async function start() {
  const query = new URLSearchParams(location.search);
  page.asOf = isDate(query.get('asOf')) ? query.get('asOf') : null;
  try {
    await loadSession();
    render();
    const id = encodeURIComponent(page.id);
    [page.project, page.history] = await Promise.all([api(`/api/v1/projects/${id}`),
      api(`/api/v1/projects/${id}/history`)]);
    render();
    document.body.dataset.state = 'ready';
  } catch (error) {
    render();
    showError(error);
  }
}

window.addEventListener('popstate', () => location.reload());
start();
