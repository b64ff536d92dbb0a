// The scheduled backups, on the accounts page (issue 24): the schedule, this server's last run, the files kept, and
// "back up now" for administrators — GET and POST /api/v1/admin/backups. Drawn after the accounts (accounts.js calls
// drawBackups), with the same session, CSRF token and notices.
'use strict';

TEXT.zh.bak = {
  title: '数据备份',
  off: '未启用定时备份（使用外部数据库时，设置 pipeline.backup.folder 即可启用）。',
  schedule: (cron, zone, keep) => `定时：${cron}（${zone}），保留最近 ${keep} 份`,
  folder: '备份目录',
  last: '本服务最近一次',
  never: '本服务启动以来尚未备份',
  outcomes: { OK: '成功', FAILED: '失败', SKIPPED: '跳过' },
  files: '已有备份',
  noFiles: '目录中还没有备份文件',
  columns: { name: '文件', size: '大小', writtenAt: '写入时间' },
  now: '立即备份',
  running: '正在备份…',
  done: file => `已备份：${file}`
};
TEXT.en.bak = {
  title: 'Backups',
  off: 'Scheduled backups are off (with a database server, set pipeline.backup.folder to turn them on).',
  schedule: (cron, zone, keep) => `Schedule: ${cron} (${zone}), the newest ${keep} kept`,
  folder: 'Folder',
  last: 'Last run of this server',
  never: 'None since this server started',
  outcomes: { OK: 'succeeded', FAILED: 'failed', SKIPPED: 'skipped' },
  files: 'Backups kept',
  noFiles: 'No backup file in the folder yet',
  columns: { name: 'File', size: 'Size', writtenAt: 'Written' },
  now: 'Back up now',
  running: 'Backing up…',
  done: file => `Backed up: ${file}`
};

const backups = { status: null, running: false, notice: null };

function bk(key) {
  return t(`bak.${key}`);
}

function fileSize(bytes) {
  const locale = app.lang === 'en' ? 'en-US' : 'zh-CN';
  return bytes < 1e6 ? `${(bytes / 1e3).toLocaleString(locale, { maximumFractionDigits: 0 })} KB`
    : `${(bytes / 1e6).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

function when(instant) {
  return new Date(instant).toLocaleString(app.lang === 'en' ? 'en-GB' : 'zh-CN');
}

function lastRun(run) {
  if (!run) {
    return bk('never');
  }
  const parts = [bk('outcomes')[run.outcome] || run.outcome, when(run.finishedAt), run.file,
    run.bytes == null ? null : fileSize(run.bytes), run.message];
  return parts.filter(Boolean).join(' · ');
}

async function backUpNow() {
  backups.running = true;
  drawBackups();
  const result = await sendAccount('POST', '/api/v1/admin/backups', {});
  backups.running = false;
  backups.notice = result.ok ? { kind: 'ok', text: bk('done')(result.answer.file) }
    : { kind: 'refused', text: refusal(result) };
  await loadBackups();
}

function drawBackups() {
  const slot = document.getElementById('backups');
  const status = backups.status;
  if (!slot || !status) {
    return;
  }
  const columns = bk('columns');
  const notice = backups.notice ? el('div', backups.notice.kind === 'ok' ? { class: 'notice ok', role: 'status' }
    : { class: 'notice refused', role: 'alert' }, el('p', {}, backups.notice.text)) : null;
  const body = !status.scheduled ? [el('p', { class: 'note', id: 'backups-off' }, bk('off'))] : [
    el('p', { class: 'note', id: 'backup-schedule' }, bk('schedule')(status.schedule, status.zone, status.keep)),
    el('dl', { class: 'backup-facts' },
      el('dt', {}, bk('folder')), el('dd', {}, el('code', {}, status.folder)),
      el('dt', {}, bk('last')), el('dd', { id: 'backup-last' }, lastRun(status.last))),
    el('h3', {}, bk('files')),
    status.files.length === 0 ? el('p', { class: 'note' }, bk('noFiles'))
      : el('table', { class: 'projects worklist', id: 'backup-files' },
        el('thead', {}, el('tr', {}, Object.values(columns).map(label => el('th', {}, label)))),
        el('tbody', {}, status.files.map(file => el('tr', {},
          el('td', { 'data-label': columns.name }, file.name),
          el('td', { 'data-label': columns.size }, fileSize(file.bytes)),
          el('td', { 'data-label': columns.writtenAt }, when(file.writtenAt))))))];
  const button = isAdmin() && status.scheduled ? el('button', { type: 'button', class: 'secondary', id: 'backup-now',
    disabled: backups.running, onclick: backUpNow }, backups.running ? bk('running') : bk('now')) : null;
  slot.replaceChildren(el('section', { class: 'card' },
    el('div', { class: 'card-head' }, el('h2', {}, bk('title')), button), notice, ...body));
}

async function loadBackups() {
  backups.status = await api('/api/v1/admin/backups');
  drawBackups();
}
