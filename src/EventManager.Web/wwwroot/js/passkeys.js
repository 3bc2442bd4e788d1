// Passkeys: offered only where the browser can make and use them. Each step is an ordinary form post with the
// page's antiforgery token; the script only asks the browser for the credential in between.
(function () {
  const supported = window.PublicKeyCredential
    && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
    && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';
  if (!supported) {
    return;
  }

  async function options(url, form) {
    const body = new URLSearchParams();
    body.append('__RequestVerificationToken', form.querySelector('input[name=__RequestVerificationToken]').value);
    const response = await fetch(url, { method: 'POST', body, credentials: 'same-origin' });
    if (!response.ok) {
      throw new Error('options ' + response.status);
    }
    return response.json();
  }

  function wire(form, optionsUrl, ask) {
    if (!form) {
      return;
    }
    const button = form.querySelector('button');
    const problem = form.querySelector('.passkey-problem');
    form.hidden = false;
    button.addEventListener('click', async (event) => {
      event.preventDefault();
      problem.hidden = true;
      try {
        const credential = await ask(await options(optionsUrl, form));
        form.querySelector('input[name=credential]').value = JSON.stringify(credential.toJSON());
        form.submit();
      } catch (e) {
        problem.hidden = false;
      }
    });
  }

  wire(document.getElementById('add-passkey'), '/account/passkeys/options',
    (json) => navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) }));
  wire(document.getElementById('passkey-sign-in'), '/account/login/passkey/options',
    (json) => navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) }));
})();
