// A project's facts, milestone strip and record as the dashboard's project page and the workbench both show them:
// from GET /api/v1/projects/{id} and its history, every entry ever recorded, corrections marked as such.
'use strict';

const MILESTONE_FIELDS = {
  REGISTERED: 'registeredOn', SIGNED: 'signedOn', CONSTRUCTION_STARTED: 'constructionStartedOn',
  CONSTRUCTION_COMPLETED: 'constructionCompletedOn', PRODUCTION_STARTED: 'productionStartedOn'
};

/** The project as the given entries of its recorded history leave it, with its latest progress report. */
function asKnown(entries) {
  const state = { status: 'ACTIVE' };
  for (const { type, data } of entries) {
    switch (type) {
      case 'ProjectRegisteredEvent':
        Object.assign(state, { registeredOn: data.registeredOn, plannedInvestmentYuan: data.plannedInvestmentYuan });
        break;
      case 'ProjectSignedEvent':
        state.signedOn = data.signedOn;
        if (data.contractedInvestmentYuan != null) {
          state.plannedInvestmentYuan = data.contractedInvestmentYuan;
        }
        break;
      case 'ConstructionStartedEvent': state.constructionStartedOn = data.startedOn; break;
      case 'ConstructionCompletedEvent': state.constructionCompletedOn = data.completedOn; break;
      case 'ProductionStartedEvent': state.productionStartedOn = data.startedOn; break;
      case 'PlannedInvestmentRevisedEvent': state.plannedInvestmentYuan = data.plannedInvestmentYuan; break;
      case 'ProgressReportedEvent':
        state.progress = data;
        if (data.fundsInPlaceYuan != null) { // cumulative: a report without it leaves the last amount standing
          state.fundsInPlaceYuan = data.fundsInPlaceYuan;
        }
        break;
      case 'MilestoneDateCorrectedEvent': state[MILESTONE_FIELDS[data.milestone]] = data.date; break;
      case 'ProjectSuspendedEvent': state.status = 'SUSPENDED'; break;
      case 'ProjectResumedEvent': state.status = 'ACTIVE'; break;
      case 'ProjectCancelledEvent': state.status = 'CANCELLED'; break;
      case 'ProjectVoidedEvent': state.status = 'VOIDED'; break;
      default: break;
    }
  }
  state.stage = state.productionStartedOn ? 'IN_PRODUCTION' : state.constructionCompletedOn ? 'CONSTRUCTED'
    : state.constructionStartedOn ? 'UNDER_CONSTRUCTION' : state.signedOn ? 'SIGNED' : 'REGISTERED';
  return state;
}

function progressText(report) {
  const percent = report.constructionProgressPercent;
  const completed = report.completedInvestmentYuan != null ? formatAmount(report.completedInvestmentYuan) : null;
  return t('project').progressValue(percent, report.asOf, completed);
}

function describe(entry) {
  const text = TEXT[app.lang].eventDetail;
  const data = entry.data;
  if (entry.type === 'MilestoneDateCorrectedEvent') {
    return [text.correctedFrom(t('milestones')[data.milestone], data.previousDate, data.date),
      `${text.reason}: ${data.reason}`];
  }
  if (entry.type === 'ProjectDetailsCorrectedEvent') {
    return [...detailChanges(data), `${text.reason}: ${data.reason}`];
  }
  const lines = [];
  for (const field of ['registeredOn', 'signedOn', 'startedOn', 'completedOn', 'asOf']) {
    if (data[field]) {
      const label = field === 'startedOn' ? text[entry.type === 'ProductionStartedEvent' ? 'productionOn' : 'constructionOn']
        : text[field];
      lines.push(`${label}: ${data[field]}`);
    }
  }
  for (const field of ['plannedInvestmentYuan', 'contractedInvestmentYuan', 'completedInvestmentYuan', 'fundsInPlaceYuan']) {
    if (data[field] != null) {
      lines.push(`${text[field]}: ${formatAmount(data[field])}`);
    }
  }
  if (data.constructionProgressPercent != null) {
    lines.push(`${text.constructionProgressPercent}: ${data.constructionProgressPercent}%`);
  }
  if (data.scope) {
    lines.push(`${text.scope}: ${text[data.scope]}`);
  }
  if (data.reason) {
    lines.push(`${text.reason}: ${data.reason}`);
  }
  return lines;
}

/** A registration details correction, one line per corrected field: what was recorded → what is right. */
function detailChanges(data) {
  const text = TEXT[app.lang].eventDetail;
  const shown = { regionCode: regionName, industry: industryName };
  return ['name', 'investor', 'industry', 'regionCode', 'projectCode', 'sourceRegion'].filter(field => data[field])
    .map(field => {
      const show = value => (value == null || value === '' ? '—' : (shown[field] || String)(value));
      return text.changed(text[field], show(data[field].before), show(data[field].after));
    });
}

/**
 * The project's card: title with stage and status, its facts, its milestone strip. {@code figures} are the project
 * or, for a past day, what its known entries say; {@code known} the entries shown as known.
 */
function projectCard(project, figures, progress, known) {
  const labels = t('project');
  const fact = (label, value, id) => el('div', { class: 'fact', id }, el('span', {}, label), el('strong', {}, value));
  return [
    el('div', { class: 'project-title' },
      el('h2', { id: 'project-name' }, project.name),
      known.length === 0 ? null : el('span', { class: `stage stage-${figures.stage.toLowerCase()}`, id: 'project-stage' },
        t('stages')[figures.stage]),
      known.length === 0 ? null : el('span', { class: `status status-${figures.status.toLowerCase()}`,
        id: 'project-status' }, t('statuses')[figures.status])),
    el('div', { class: 'facts' },
      fact(labels.code, project.projectCode || '—'),
      fact(labels.investor, project.investor),
      fact(labels.region, regionName(project.regionCode)),
      fact(labels.industry, industryName(project.industry)),
      fact(labels.source, project.sourceRegion || '—'),
      fact(labels.amount, figures.plannedInvestmentYuan != null ? formatAmount(figures.plannedInvestmentYuan) : '—',
        'project-amount'),
      fact(labels.progress, progress ? progressText(progress) : '—', 'project-progress'),
      fact(labels.fundsInPlace, figures.fundsInPlaceYuan != null ? formatAmount(figures.fundsInPlaceYuan) : '—',
        'project-funds')),
    el('h3', {}, labels.milestones),
    el('ol', { class: 'milestones' }, Object.entries(MILESTONE_FIELDS).map(([milestone, field]) =>
      el('li', { class: figures[field] ? 'reached' : '', 'data-milestone': milestone },
        el('span', { class: 'dot' }),
        el('span', { class: 'milestone-name' }, t('milestones')[milestone]),
        el('span', { class: 'milestone-date' }, figures[field] || labels.notReached))))];
}

/** The record, one list item per history entry; entries not in {@code knownVersions} are greyed as recorded later. */
function recordEntries(history, knownVersions) {
  const labels = t('project');
  return history.map(entry => {
    const correction = entry.type === 'MilestoneDateCorrectedEvent';
    const later = !knownVersions.has(entry.version);
    return el('li', { class: ['entry', correction ? 'correction' : '', later ? 'later' : ''].join(' ').trim(),
      'data-type': entry.type, 'data-version': entry.version },
    el('div', { class: 'entry-head' },
      el('span', { class: 'version' }, labels.version.replace('{v}', entry.version)),
      el('strong', {}, t('events')[entry.type] || entry.type),
      correction ? el('span', { class: 'badge correction-badge' }, labels.correction) : null,
      later ? el('span', { class: 'badge later-badge' }, labels.recordedLater) : null),
    el('div', { class: 'entry-body' }, describe(entry).map(line => el('div', {}, line))),
    el('div', { class: 'entry-meta' },
      `${labels.recordedAt}: ${formatInstant(entry.recordedAt)} · ${labels.actor}: `, el('span', { class: 'actor' }, entry.actor)));
  });
}
