/*
 * The admin shell's side of the App Bridge stand-in (the app side is
 * devstore/admin/app-bridge.js), served at /admin/shell.js: answers the app's requests for session
 * tokens, mirrors its navigation menu and title bar, shows toasts, the save
 * bar, loading and a product picker, and keeps the shell's address in step
 * with the app's.
 */
(() => {
  const config = JSON.parse(document.getElementById('shell-config').textContent);
  const frame = document.getElementById('app-frame');
  const appOrigin = new URL(config.appUrl).origin;
  const $ = (id) => document.getElementById(id);

  const reply = (data) => frame.contentWindow.postMessage({ source: 'steward-admin-shell', ...data }, appOrigin);

  async function sessionToken() {
    const response = await fetch(`${config.base}/session-token`, { cache: 'no-store' });
    if (!response.ok) throw new Error(`session token: HTTP ${response.status}`);
    return (await response.json()).token;
  }

  let renderedActions = '';
  function renderTitleBarActions(actions) {
    // Rebuild only when the actions changed, so keyboard focus stays where it is.
    const signature = JSON.stringify(actions);
    if (signature === renderedActions) return;
    renderedActions = signature;
    $('title-bar-actions').replaceChildren(
      ...actions.map((action, index) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = action.label;
        button.disabled = action.disabled;
        if (action.primary) button.className = 'primary';
        button.addEventListener('click', () => reply({ type: 'titleBarAction', payload: { index } }));
        return button;
      }),
    );
  }

  let renderedNav = '';
  function renderNav(items) {
    // Rebuild only when the menu changed, so keyboard focus stays where it is.
    const signature = JSON.stringify(items);
    if (signature === renderedNav) return markCurrent();
    renderedNav = signature;
    const nav = $('app-nav');
    nav.replaceChildren(
      ...items.map((item) => {
        const link = document.createElement('a');
        link.href = `${config.base}/apps/${config.appHandle}${item.href.replace(/^\/app/, '') || ''}`;
        link.textContent = item.label;
        link.dataset.href = item.href;
        link.addEventListener('click', (event) => {
          event.preventDefault();
          reply({ type: 'navigate', payload: { href: item.href } });
        });
        return link;
      }),
    );
    markCurrent();
  }

  let currentPath = '/app';
  function markCurrent() {
    for (const link of $('app-nav').querySelectorAll('a')) {
      const active = currentPath.split('?')[0] === link.dataset.href;
      link.classList.toggle('active', active);
      if (active) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  function toast({ id, message, isError, duration }) {
    const element = document.createElement('div');
    element.className = `toast${isError ? ' error' : ''}`;
    element.dataset.toast = id;
    element.setAttribute('role', isError ? 'alert' : 'status');
    element.textContent = message;
    $('toasts').append(element);
    setTimeout(() => element.remove(), duration);
  }

  async function pickProducts(options) {
    const response = await fetch(
      `${config.base}/resource-picker?type=${encodeURIComponent(options.type || 'product')}`,
    );
    const products = await response.json();
    const dialog = $('picker');
    const list = $('picker-list');
    list.replaceChildren(
      ...products.map((product) => {
        const label = document.createElement('label');
        const input = document.createElement('input');
        input.type = options.multiple ? 'checkbox' : 'radio';
        input.name = 'picked';
        input.value = product.id;
        label.append(input, ` ${product.title}`);
        return label;
      }),
    );
    dialog.showModal();
    return new Promise((resolve) => {
      dialog.onclose = () => {
        if (dialog.returnValue !== 'select') return resolve(undefined);
        const chosen = new Set([...list.querySelectorAll('input:checked')].map((input) => input.value));
        resolve(products.filter((product) => chosen.has(product.id)));
      };
    });
  }

  window.addEventListener('message', async (event) => {
    if (event.origin !== appOrigin || event.data?.source !== 'steward-app-bridge') return;
    const { type, id, payload } = event.data;
    try {
      if (type === 'idToken') return reply({ id, payload: { token: await sessionToken() } });
      if (type === 'resourcePicker') return reply({ id, payload: await pickProducts(payload) });
    } catch (error) {
      return reply({ id, error: error.message });
    }
    if (type === 'navMenu') renderNav(payload.items);
    if (type === 'titleBar') {
      $('title-bar').textContent = payload.title;
      renderTitleBarActions(payload.actions ?? []);
      document.title = payload.title ? `${payload.title} · ${config.appName} · ${config.shopName}` : config.shopName;
    }
    if (type === 'location') {
      // The embedding parameters belong to the iframe, not to the admin's address.
      const appUrl = new URL(payload.path, config.appUrl);
      for (const name of ['embedded', 'shop', 'host', 'id_token', 'locale', 'hmac', 'session', 'timestamp']) {
        appUrl.searchParams.delete(name);
      }
      currentPath = appUrl.pathname + appUrl.search;
      const path = `${config.base}/apps/${config.appHandle}${currentPath.replace(/^\/app/, '')}`;
      if (location.pathname + location.search !== path) history.replaceState(null, '', path);
      markCurrent();
    }
    if (type === 'toast') toast(payload);
    if (type === 'loading') $('loading').hidden = !payload.on;
    if (type === 'saveBar') {
      const bar = $('save-bar');
      bar.hidden = !payload.visible;
      bar.dataset.id = payload.id;
    }
    if (type === 'modal') {
      // The modal's content lives in the app; the shell dims the admin around it.
      $('modal-veil').hidden = !payload.visible;
    }
    if (type === 'toastHide') document.querySelector(`[data-toast="${CSS.escape(payload.id)}"]`)?.remove();
  });

  for (const action of ['save', 'discard']) {
    $(`save-bar-${action}`).addEventListener('click', () =>
      reply({ type: 'saveBar', payload: { id: $('save-bar').dataset.id, action } }),
    );
  }
})();
