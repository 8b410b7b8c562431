// Steward's storefront script (deferred; every Steward block includes it, it enhances each
// form once). Forms post with fetch and show the answer in place; without this script they
// post normally and Steward redirects back (see snippets/steward-support-form.liquid).
(() => {
  const note = (box, name) => box.querySelector(`[data-note="${name}"]`)?.textContent.trim() ?? '';

  const say = (box, text, error) => {
    const live = box.querySelector('[data-live]');
    live.textContent = text;
    live.classList.toggle('steward-live--error', error);
    return live;
  };

  const clearErrors = (form) => {
    for (const error of form.querySelectorAll('[data-error-for]')) {
      error.textContent = '';
      for (const field of form.querySelectorAll(`[name="${error.dataset.errorFor}"]`)) {
        field.removeAttribute('aria-invalid');
        field.removeAttribute('aria-describedby');
      }
    }
  };

  // Marks the fields Steward refused; returns the first one, or null when none is on the form.
  const showErrors = (form, errors) => {
    let first = null;
    for (const name of Object.keys(errors)) {
      const error = form.querySelector(`[data-error-for="${name}"]`);
      if (!error) continue;
      error.textContent = error.dataset.message;
      for (const field of form.querySelectorAll(`[name="${name}"]`)) {
        field.setAttribute('aria-invalid', 'true');
        field.setAttribute('aria-describedby', error.id);
        first ??= field;
      }
    }
    return first;
  };

  const enhance = (form) => {
    if (form.dataset.enhanced) return;
    form.dataset.enhanced = '1';
    const box = form.closest('[data-steward]');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = form.querySelector('[type="submit"]');
      button.disabled = true;
      clearErrors(form);
      say(box, '', false);
      let status = 0;
      let body = {};
      try {
        const response = await fetch(form.action, {
          method: 'POST',
          headers: { Accept: 'application/json' },
          body: new URLSearchParams(new FormData(form)),
        });
        status = response.status;
        body = await response.json().catch(() => ({}));
      } catch {
        // A network failure reads as "failed" below.
      }
      button.disabled = false;
      if (status < 300 && body.ok) {
        const ticket = body.ticket ? ` ${note(box, 'ticket').replace('%n', `#${body.ticket}`)}` : '';
        form.reset();
        form.hidden = true;
        say(box, note(box, 'sent') + ticket, false).focus();
      } else if (status === 422) {
        const first = showErrors(form, body.errors ?? {});
        say(box, note(box, 'invalid'), true);
        (first ?? button).focus();
      } else {
        say(box, note(box, status === 429 ? 'limited' : 'failed'), true);
      }
    });
  };

  for (const form of document.querySelectorAll('form[data-steward-form]')) enhance(form);

  for (const button of document.querySelectorAll('[data-steward-open]')) {
    if (button.dataset.enhanced) continue;
    button.dataset.enhanced = '1';
    button.hidden = false;
    button.addEventListener('click', () => {
      let dialog = document.getElementById(button.dataset.stewardOpen);
      if (!dialog) {
        // Built on the first click from its noscript's text (see blocks/help-launcher.liquid).
        const source = document.querySelector(`noscript[data-steward-dialog="${button.dataset.stewardOpen}"]`);
        dialog = document.createRange().createContextualFragment(source.textContent).querySelector('dialog');
        button.after(dialog);
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        dialog.addEventListener('click', (event) => event.target === dialog && dialog.close());
        enhance(dialog.querySelector('form[data-steward-form]'));
      }
      dialog.showModal();
    });
  }
})();
