// A text in several languages: the "(missing)" beside a language's label follows what is typed into its field.
// Without script the page says what was missing when it was loaded, which the server checks again on saving.
(function () {
  document.querySelectorAll('.local-text input, .local-text textarea').forEach(field => {
    const marker = document.querySelector('label[for="' + field.id + '"] .missing');
    if (!marker) return;
    const update = () => { marker.hidden = field.value.trim() !== ''; };
    field.addEventListener('input', update);
    update();
  });
})();
