// "Select all on this page" ticks the boxes in place; without script the link reloads the page with them ticked.
(function () {
  document.querySelectorAll('[data-select-all]').forEach(link => {
    link.addEventListener('click', event => {
      const boxes = Array.from(link.closest('form').querySelectorAll('input[type=checkbox][name="' + link.dataset.selectAll + '"]'));
      if (boxes.length === 0) return;
      event.preventDefault();
      const tick = boxes.some(b => !b.checked);
      boxes.forEach(b => { b.checked = tick; });
    });
  });
})();
