// Popup: companion status, one switch per warning category (IT-locked ones locked), and the policy link.

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

const STATUS_TEXT = {
  ok: (s) => `Checking your posts. Companion ${s.version ?? ''} on port ${s.port}.`,
  down: (s) => `The PostGuard companion is not running on port ${s.port}, so posts are not checked. Start PostGuard or ask IT.`,
  unpaired: () => 'Not paired with the companion. Open Options and paste the token that "postguard token" prints.',
  unverified: (s) => `Not your companion, or not paired: the program on port ${s.port} could not prove it is your PostGuard companion, so nothing is sent to it. Pair again in Options.`,
  error: (s) => `The companion reported a problem: ${s.message ?? 'unknown error'}`,
};

function renderStatus(status) {
  const el = $('status');
  el.dataset.state = status.state;
  el.textContent = (STATUS_TEXT[status.state] ?? STATUS_TEXT.error)(status);
  if (status.policyUrl) $('policy').href = status.policyUrl;
}

function lockIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', 'M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z');
  svg.append(path);
  return svg;
}

function categoryItem(category) {
  const id = `cat-${category.id}`;
  const input = document.createElement('input');
  Object.assign(input, { type: 'checkbox', id, checked: category.enabled, disabled: category.locked });
  input.dataset.category = category.id;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = category.title ?? category.id;
  const li = document.createElement('li');
  li.dataset.category = category.id;
  li.append(input, label);
  if (category.locked) {
    li.dataset.locked = 'true';
    const lock = document.createElement('span');
    lock.className = 'lock';
    lock.append(lockIcon(), 'Locked on by your school');
    li.append(lock);
    input.setAttribute('aria-describedby', `${id}-lock`);
    lock.id = `${id}-lock`;
  }
  if (category.clause) {
    const clause = document.createElement('span');
    clause.className = 'clause';
    clause.textContent = `“${category.clause}”`;
    li.append(clause);
  }
  input.addEventListener('change', async () => {
    input.disabled = true;
    const answer = await api.runtime.sendMessage({ type: 'setCategory', id: category.id, enabled: input.checked });
    const error = $('categories-error');
    if (answer?.ok) {
      error.hidden = true;
      input.checked = answer.result?.categories?.[category.id] ?? input.checked;
    } else {
      input.checked = !input.checked;
      error.hidden = false;
      error.textContent = answer?.message ?? 'Could not change this setting.';
    }
    input.disabled = category.locked;
  });
  return li;
}

async function renderCategories() {
  const answer = await api.runtime.sendMessage({ type: 'categories' });
  const list = $('categories');
  list.replaceChildren();
  if (!answer?.ok) {
    $('categories-error').hidden = false;
    $('categories-error').textContent = 'Warnings can be switched on and off when the companion is running and paired.';
    return;
  }
  list.append(...answer.categories.map(categoryItem));
  document.body.dataset.ready = 'true';
}

async function main() {
  const status = await api.runtime.sendMessage({ type: 'status' });
  renderStatus(status);
  await renderCategories();
  document.body.dataset.loaded = 'true';
}

main();
