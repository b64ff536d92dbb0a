// The accounts page (issue 21): the users of the admin's subtree, from GET /api/v1/admin/users; create one (its
// one-time password shown once), change role, region, name or enabled, reset a password. Every change is a command
// of the contract sent with the page's session and its CSRF token (<meta name="_csrf">). Users from the configuration
// are listed, marked, and not editable. One's own password: the form at /password.
'use strict';

TEXT.zh.acc = {
  title: '账号管理',
  kept: '本系统维护的账号和配置文件中的用户；管理员只管理本区域及下级区域的用户。',
  fromIdentityProvider: '已配置统一身份认证（JWT）：用户由身份认证系统维护，本系统不保存账号。下面只列出配置文件中的用户。',
  notAdmin: '只有管理员可以管理账号。',
  columns: { name: '用户名', displayName: '姓名', role: '角色', region: '区域', state: '状态', source: '来源', actions: '操作' },
  enabled: '启用', disabled: '已停用',
  sources: { DATABASE: '本系统', CONFIGURATION: '配置文件（不可在此修改）' },
  roles: { CLERK: '经办人', LEADER: '领导', AUDITOR: '审计', ADMIN: '管理员', MONITOR: '监控采集' },
  create: '新建账号',
  createSubmit: '创建',
  fields: { name: '用户名', displayName: '姓名', role: '角色', regionCode: '区域' },
  nameHint: '2–64 个字母、数字、“.”“_”“-”，登录时使用',
  edit: '修改', disable: '停用', enable: '启用', reset: '重置密码', save: '保存', cancel: '取消',
  created: name => `已创建账号 ${name}。`,
  resetDone: name => `已重置 ${name} 的密码。`,
  saved: name => `已保存 ${name}。`,
  oneTime: '一次性密码（只显示这一次，请立即交给本人；首次登录须修改）：',
  confirmDisable: name => `停用 ${name}？其已打开的页面会立即退出。`,
  confirmReset: name => `重置 ${name} 的密码？旧密码立即失效。`,
  refused: '未保存：',
  sessionEnded: '登录已失效，请重新登录。',
  csrf: '页面已过期，请刷新页面后重试。',
  ownPassword: '修改本人密码',
  noUsers: '本区域没有用户'
};
TEXT.en.acc = {
  title: 'Accounts',
  kept: 'Accounts kept by the application and users from the configuration; an administrator manages the users of '
    + 'its region and the regions below it.',
  fromIdentityProvider: 'An identity provider (JWT) is configured: users are kept there, and the application stores no '
    + 'accounts. Only the users of the configuration are listed below.',
  notAdmin: 'Only administrators manage accounts.',
  columns: { name: 'User name', displayName: 'Name', role: 'Role', region: 'Region', state: 'State', source: 'Kept in',
    actions: 'Actions' },
  enabled: 'Enabled', disabled: 'Disabled',
  sources: { DATABASE: 'the application', CONFIGURATION: 'the configuration (not editable here)' },
  roles: { CLERK: 'Clerk', LEADER: 'Leader', AUDITOR: 'Auditor', ADMIN: 'Administrator', MONITOR: 'Monitoring' },
  create: 'New account',
  createSubmit: 'Create',
  fields: { name: 'User name', displayName: 'Name', role: 'Role', regionCode: 'Region' },
  nameHint: '2–64 letters, digits, ".", "_" or "-": what the user signs in with',
  edit: 'Change', disable: 'Disable', enable: 'Enable', reset: 'Reset password', save: 'Save', cancel: 'Cancel',
  created: name => `Account ${name} created.`,
  resetDone: name => `The password of ${name} was reset.`,
  saved: name => `${name} saved.`,
  oneTime: 'One-time password (shown this once: hand it to the user now; the first sign-in must change it):',
  confirmDisable: name => `Disable ${name}? Pages it has open are signed out at once.`,
  confirmReset: name => `Reset the password of ${name}? The old one stops working at once.`,
  refused: 'Not saved: ',
  sessionEnded: 'Your sign-in has ended.',
  csrf: 'This page has expired: reload it and try again.',
  ownPassword: 'Change my password',
  noUsers: 'No user in this region'
};

const ROLES = ['CLERK', 'LEADER', 'AUDITOR', 'ADMIN', 'MONITOR'];
const accounts = { users: [], notice: null, editing: null };

function a(key) {
  return t(`acc.${key}`);
}

function csrfMeta(name) {
  const tag = document.querySelector(`meta[name="${name}"]`);
  return tag ? tag.content : null;
}

/** A write with the page's session and CSRF token; resolves to {ok, status, answer} (status 0: the network failed). */
async function sendAccount(method, path, body) {
  const headers = { ...apiHeaders(), 'Content-Type': 'application/json' };
  headers[csrfMeta('_csrf_header') || 'X-CSRF-TOKEN'] = csrfMeta('_csrf');
  try {
    const response = await fetch(path, { method, headers, body: JSON.stringify(body), credentials: 'same-origin' });
    const answer = await response.json().catch(() => null);
    return { ok: response.ok, status: response.status, answer };
  } catch (networkFailure) {
    return { ok: false, status: 0, answer: null };
  }
}

function refusal(result) {
  if (result.status === 401) {
    return a('sessionEnded');
  }
  if (result.status === 403 && result.answer && String(result.answer.type).endsWith(':csrf-token-invalid')) {
    return a('csrf');
  }
  const problem = result.answer || {};
  const fields = (problem.errors || []).map(error => `${error.field}: ${error.message}`).join('; ');
  return a('refused') + (fields || problem.detail || problem.title || `HTTP ${result.status}`);
}

function isAdmin() {
  return app.session && app.session.role === 'ADMIN';
}

function accountsKept() {
  return document.body.dataset.accountsKept !== 'false';
}

function roleName(role) {
  return a('roles')[role] || role;
}

function regionOptions(selected) {
  return readableRegions().map(region => el('option', { value: region.code, selected: region.code === selected },
    `${regionName(region.code)} ${region.code}`));
}

function roleOptions(selected) {
  return ROLES.map(role => el('option', { value: role, selected: role === selected }, roleName(role)));
}

function labelled(id, label, input, hint) {
  return el('div', { class: 'field' }, el('label', { for: id }, label), input,
    hint ? el('div', { class: 'hint' }, hint) : null);
}

function noticeBox() {
  if (!accounts.notice) {
    return null;
  }
  const { kind, text, password } = accounts.notice;
  return el('div', kind === 'ok' ? { class: 'notice ok', role: 'status' } : { class: 'notice refused', role: 'alert' },
    el('p', {}, text),
    password ? el('p', { class: 'one-time' }, a('oneTime'), ' ',
      el('code', { id: 'one-time-password' }, password)) : null);
}

function createForm() {
  const form = el('form', { class: 'command-form', id: 'create-user', novalidate: true },
    labelled('new-name', a('fields').name, el('input', { id: 'new-name', name: 'name', type: 'text', required: true,
      maxlength: 64, autocomplete: 'off', autocapitalize: 'none' }), a('nameHint')),
    labelled('new-display-name', a('fields').displayName, el('input', { id: 'new-display-name', name: 'displayName',
      type: 'text', required: true, maxlength: 200, autocomplete: 'off' })),
    labelled('new-role', a('fields').role, el('select', { id: 'new-role', name: 'role' }, roleOptions('CLERK'))),
    labelled('new-region', a('fields').regionCode, el('select', { id: 'new-region', name: 'regionCode' },
      regionOptions(app.session.regionCode))),
    el('div', { class: 'form-buttons' }, el('button', { type: 'submit', class: 'primary' }, a('createSubmit'))));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const body = Object.fromEntries(['name', 'displayName', 'role', 'regionCode']
      .map(name => [name, form.elements[name].value.trim()]));
    const result = await sendAccount('POST', '/api/v1/admin/users', body);
    accounts.notice = result.ok
      ? { kind: 'ok', text: a('created')(result.answer.name), password: result.answer.initialPassword }
      : { kind: 'refused', text: refusal(result) };
    await reload();
  });
  return el('section', { class: 'card form-card' }, el('h2', {}, a('create')), form);
}

async function change(user, body, done) {
  const result = await sendAccount('PATCH', `/api/v1/admin/users/${encodeURIComponent(user.name)}`, body);
  accounts.notice = result.ok ? { kind: 'ok', text: done } : { kind: 'refused', text: refusal(result) };
  accounts.editing = result.ok ? null : accounts.editing;
  await reload();
}

async function resetPassword(user) {
  if (!confirm(a('confirmReset')(user.name))) {
    return;
  }
  const result = await sendAccount('POST', `/api/v1/admin/users/${encodeURIComponent(user.name)}/password-reset`, {});
  accounts.notice = result.ok
    ? { kind: 'ok', text: a('resetDone')(user.name), password: result.answer.initialPassword }
    : { kind: 'refused', text: refusal(result) };
  await reload();
}

function editRow(user) {
  const id = `edit-${user.name}`;
  const form = el('form', { class: 'command-form edit-user', 'data-user': user.name, novalidate: true },
    labelled(`${id}-display-name`, a('fields').displayName, el('input', { id: `${id}-display-name`,
      name: 'displayName', type: 'text', value: user.displayName, maxlength: 200 })),
    labelled(`${id}-role`, a('fields').role, el('select', { id: `${id}-role`, name: 'role' }, roleOptions(user.role))),
    labelled(`${id}-region`, a('fields').regionCode, el('select', { id: `${id}-region`, name: 'regionCode' },
      regionOptions(user.regionCode))),
    el('div', { class: 'form-buttons' },
      el('button', { type: 'submit', class: 'primary' }, a('save')),
      el('button', { type: 'button', class: 'secondary', onclick: () => { accounts.editing = null; draw(); } },
        a('cancel'))));
  form.addEventListener('submit', event => {
    event.preventDefault();
    change(user, { displayName: form.elements.displayName.value.trim(), role: form.elements.role.value,
      regionCode: form.elements.regionCode.value }, a('saved')(user.name));
  });
  return el('tr', { class: 'editing' }, el('td', { colspan: 7 }, form));
}

function actions(user) {
  if (!isAdmin() || user.source !== 'DATABASE') {
    return null;
  }
  const toggle = user.enabled
    ? el('button', { type: 'button', 'data-disable': user.name, onclick: () => {
      if (confirm(a('confirmDisable')(user.name))) {
        change(user, { enabled: false }, a('saved')(user.name));
      }
    } }, a('disable'))
    : el('button', { type: 'button', 'data-enable': user.name,
      onclick: () => change(user, { enabled: true }, a('saved')(user.name)) }, a('enable'));
  return el('div', { class: 'action-buttons' },
    el('button', { type: 'button', 'data-edit': user.name, onclick: () => { accounts.editing = user.name; draw(); } },
      a('edit')),
    toggle,
    el('button', { type: 'button', 'data-reset': user.name, onclick: () => resetPassword(user) }, a('reset')));
}

function userRows(user) {
  const columns = a('columns');
  const row = el('tr', { 'data-user': user.name, class: user.enabled ? '' : 'disabled-user' },
    el('td', { 'data-label': columns.name, class: 'col-name' }, el('strong', {}, user.name)),
    el('td', { 'data-label': columns.displayName }, user.displayName),
    el('td', { 'data-label': columns.role }, roleName(user.role)),
    el('td', { 'data-label': columns.region }, regionName(user.regionCode)),
    el('td', { 'data-label': columns.state }, user.enabled ? a('enabled') : a('disabled')),
    el('td', { 'data-label': columns.source },
      el('span', { class: `source source-${user.source.toLowerCase()}` }, a('sources')[user.source])),
    el('td', { 'data-label': columns.actions, class: 'col-actions' }, actions(user)));
  return accounts.editing === user.name ? [row, editRow(user)] : [row];
}

function draw() {
  const columns = a('columns');
  const intro = accountsKept() ? a('kept') : a('fromIdentityProvider');
  const list = el('section', { class: 'card' },
    el('div', { class: 'card-head' }, el('h2', {}, a('title')),
      el('a', { href: '/password', class: 'button secondary', id: 'own-password' }, a('ownPassword'))),
    el('p', { class: 'note', id: 'accounts-intro' }, intro),
    isAdmin() ? null : el('p', { class: 'note' }, a('notAdmin')),
    accounts.users.length === 0 ? el('p', { class: 'note' }, a('noUsers')) : el('table', { class: 'projects worklist users',
      id: 'users' },
    el('thead', {}, el('tr', {}, Object.values(columns).map(label => el('th', {}, label)))),
    el('tbody', {}, accounts.users.flatMap(userRows))));
  document.getElementById('page').replaceChildren(...[noticeBox(), list,
    isAdmin() && accountsKept() ? createForm() : null].filter(Boolean));
  document.title = `${a('title')} · ${t('appTitle')}`;
  drawBackups();
}

async function reload() {
  accounts.users = await api('/api/v1/admin/users');
  draw();
  document.body.dataset.state = 'ready';
}

function switchLanguage(lang) {
  app.lang = lang;
  setUrl({ lang: lang === 'en' ? 'en' : null });
  renderHeader(switchLanguage);
  draw();
}

(async () => {
  try {
    await loadSession();
    renderHeader(switchLanguage);
    if (!['ADMIN', 'AUDITOR'].includes(app.session.role)) {
      document.getElementById('page').replaceChildren(el('section', { class: 'card' },
        el('p', { class: 'note' }, a('notAdmin'))));
      document.body.dataset.state = 'ready';
      return;
    }
    await reload();
    await loadBackups();
  } catch (error) {
    showError(error);
  }
})();
