// "Add another speaker" adds an empty box in place; without script, saving with the boxes full brings more.
(function () {
  const add = document.getElementById('add-speaker');
  const fieldset = document.getElementById('speakers');
  if (!add || !fieldset) return;
  add.hidden = false;
  add.addEventListener('click', () => {
    const boxes = fieldset.querySelectorAll('.speaker-box');
    const last = boxes[boxes.length - 1];
    const copy = last.cloneNode(true);
    const n = boxes.length;
    const input = copy.querySelector('input');
    const label = copy.querySelector('label');
    input.id = 'speaker-' + n;
    input.value = '';
    label.htmlFor = input.id;
    label.textContent = label.textContent.replace(/\d+$/, String(n + 1));
    last.after(copy);
    input.focus();
  });
})();
