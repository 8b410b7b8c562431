/*
 * The devstore's stand-in for Shopify's App Bridge script
 * (https://cdn.shopify.com/shopifycloud/app-bridge.js), served at
 * <devstore>/app-bridge.js and loaded by Steward only when DEVSTORE_URL is
 * set. It runs inside the app's iframe and talks to the admin shell (the
 * parent page, devstore/admin/shell-client.js) with postMessage. It provides what
 * Steward uses of window.shopify: config, idToken() (a fresh token signed by
 * the devstore on every call), the fetch wrapper that adds the session token
 * and retries on X-Shopify-Retry-Invalid-Session-Request, toast, saveBar,
 * modal, loading, resourcePicker (products), and the ui-nav-menu,
 * ui-title-bar (its title and action buttons), ui-save-bar and ui-modal
 * elements, mirrored into the shell.
 */
(() => {
  const script = document.currentScript;
  const shellOrigin = new URL(script.src).origin;
  const params = new URLSearchParams(location.search);
  const remember = (key) => {
    const value = params.get(key);
    if (value) sessionStorage.setItem(`devstore:${key}`, value);
    return value || sessionStorage.getItem(`devstore:${key}`);
  };
  const shop = remember('shop');
  const host = remember('host');
  const locale = remember('locale') || 'en';
  const apiKey =
    script.getAttribute('data-api-key') || document.querySelector('meta[name="shopify-api-key"]')?.content || '';

  let nextId = 1;
  const pending = new Map();
  const post = (type, payload = {}) =>
    window.parent.postMessage({ source: 'steward-app-bridge', type, payload }, shellOrigin);
  const ask = (type, payload = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      window.parent.postMessage({ source: 'steward-app-bridge', type, id, payload }, shellOrigin);
    });

  window.addEventListener('message', (event) => {
    if (event.origin !== shellOrigin || event.data?.source !== 'steward-admin-shell') return;
    const { type, id, payload, error } = event.data;
    if (id && pending.has(id)) {
      const { resolve, reject } = pending.get(id);
      pending.delete(id);
      if (error) reject(new Error(error));
      else resolve(payload);
      return;
    }
    if (type === 'navigate') navigate(payload.href);
    if (type === 'saveBar') saveBarAction(payload.id, payload.action);
    if (type === 'titleBarAction') titleBarActions()[payload.index]?.click();
  });

  // Steward's AppProvider navigates on `shopify:navigate` events from a link.
  function navigate(href) {
    let link = [...document.querySelectorAll('ui-nav-menu a')].find((a) => a.getAttribute('href') === href);
    if (!link) {
      link = document.createElement('a');
      link.setAttribute('href', href);
      link.hidden = true;
      document.body.append(link);
      setTimeout(() => link.remove(), 0);
    }
    link.dispatchEvent(new CustomEvent('shopify:navigate', { bubbles: true }));
  }

  const idToken = () => ask('idToken').then((answer) => answer.token);

  const appFetch = window.fetch.bind(window);
  window.fetch = async (input, init = {}) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    // Only the app's own requests carry the session token (not Vite's module requests).
    if (url.origin !== location.origin || url.pathname.startsWith('/@') || url.pathname.startsWith('/node_modules/')) {
      return appFetch(request);
    }
    const withToken = async () => {
      const headers = new Headers(request.headers);
      headers.set('Authorization', `Bearer ${await idToken()}`);
      return new Request(request.clone(), { headers });
    };
    const response = await appFetch(await withToken());
    if (response.status === 401 && response.headers.get('X-Shopify-Retry-Invalid-Session-Request') === '1') {
      return appFetch(await withToken());
    }
    return response;
  };

  // App Bridge's elements show nothing in the page itself. An adopted
  // stylesheet hides them without touching the DOM React hydrates.
  const sheet = new CSSStyleSheet();
  sheet.replaceSync('ui-nav-menu, ui-title-bar, ui-save-bar, ui-modal { display: none; }');
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const defineElement = (name, onChange) =>
    customElements.get(name) ||
    customElements.define(
      name,
      class extends HTMLElement {
        connectedCallback() {
          onChange?.();
        }
        static get observedAttributes() {
          return ['title'];
        }
        attributeChangedCallback() {
          onChange?.();
        }
      },
    );

  function mirror() {
    const menu = document.querySelector('ui-nav-menu');
    const items = menu
      ? [...menu.querySelectorAll('a')].map((a) => ({
          label: a.textContent.trim(),
          href: a.getAttribute('href'),
          home: a.getAttribute('rel') === 'home',
        }))
      : [];
    post('navMenu', { items });
    post('titleBar', {
      title: document.querySelector('ui-title-bar')?.getAttribute('title') || '',
      actions: titleBarActions().map((action) => ({
        label: action.textContent.trim(),
        primary: action.getAttribute('variant') === 'primary',
        disabled: action.hasAttribute('disabled'),
      })),
    });
    post('location', { path: location.pathname + location.search });
  }
  // The title bar's actions, as Shopify admin shows them beside the title: its
  // buttons and links (breadcrumbs are not actions). The shell presses them by index.
  function titleBarActions() {
    const bar = document.querySelector('ui-title-bar');
    return bar
      ? [...bar.children].filter(
          (child) => ['BUTTON', 'A'].includes(child.tagName) && child.getAttribute('variant') !== 'breadcrumb',
        )
      : [];
  }
  let scheduled = false;
  const scheduleMirror = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      mirror();
    });
  };
  defineElement('ui-nav-menu', scheduleMirror);
  defineElement('ui-title-bar', scheduleMirror);

  // <ui-save-bar id> and <ui-modal id> (what SaveBar and Modal of app-bridge-react
  // render) have show()/hide()/toggle() like App Bridge's, mirrored in the shell.
  const showable = (name, message) =>
    customElements.get(name) ||
    customElements.define(
      name,
      class extends HTMLElement {
        #open = false;
        get open() {
          return this.#open;
        }
        async show() {
          this.#open = true;
          post(message, {
            id: this.id,
            visible: true,
            title: this.querySelector('ui-title-bar')?.getAttribute('title') ?? '',
          });
          this.dispatchEvent(new CustomEvent('show'));
        }
        async hide() {
          this.#open = false;
          post(message, { id: this.id, visible: false });
          this.dispatchEvent(new CustomEvent('hide'));
        }
        async toggle() {
          return this.#open ? this.hide() : this.show();
        }
      },
    );
  showable('ui-save-bar', 'saveBar');
  showable('ui-modal', 'modal');

  // The shell's Save and Discard press the save bar's own buttons, as App Bridge does.
  function saveBarAction(id, action) {
    const bar = document.getElementById(id);
    const buttons = bar ? [...bar.querySelectorAll('button')] : [];
    const save = buttons.find((button) => button.getAttribute('variant') === 'primary') ?? buttons.at(-1);
    const discard = buttons.find((button) => button !== save);
    (action === 'save' ? save : discard)?.click();
  }
  for (const method of ['pushState', 'replaceState']) {
    const original = history[method].bind(history);
    history[method] = (...args) => {
      original(...args);
      scheduleMirror();
    };
  }
  window.addEventListener('popstate', scheduleMirror);
  new MutationObserver(scheduleMirror).observe(document.documentElement, {
    subtree: true,
    childList: true,
    characterData: true,
    // A title bar button turning disabled or primary.
    attributes: true,
    attributeFilter: ['disabled', 'variant'],
  });

  window.shopify = {
    config: { apiKey, shop, host, locale },
    environment: { embedded: true, mobile: false, pos: false },
    idToken,
    toast: {
      show(message, options = {}) {
        const id = `toast-${nextId++}`;
        post('toast', { id, message, isError: Boolean(options.isError), duration: options.duration ?? 5000 });
        return id;
      },
      hide(id) {
        post('toastHide', { id });
      },
    },
    loading(on = true) {
      post('loading', { on });
    },
    saveBar: {
      show: (id) => document.getElementById(id)?.show(),
      hide: (id) => document.getElementById(id)?.hide(),
      toggle: (id) => document.getElementById(id)?.toggle(),
      async leaveConfirmation() {},
    },
    modal: {
      show: (id) => document.getElementById(id)?.show(),
      hide: (id) => document.getElementById(id)?.hide(),
      toggle: (id) => document.getElementById(id)?.toggle(),
    },
    resourcePicker: (options = {}) => ask('resourcePicker', options),
  };
  document.addEventListener('DOMContentLoaded', mirror);

  // Shopify's library sends a request without a valid session token to its
  // bounce page with `shopify-reload`; App Bridge reloads that URL with a fresh one.
  const reload = params.get('shopify-reload');
  if (reload) {
    const target = new URL(reload, location.href);
    if (target.origin === location.origin) {
      idToken().then((token) => {
        target.searchParams.set('id_token', token);
        location.replace(target);
      });
    }
  }
})();
