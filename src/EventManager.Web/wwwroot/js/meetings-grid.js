// Drag a meeting to another slot or table of its block: the drop fills the meeting's own Move form and sends it, so the
// server checks the table exactly as when the form is used by hand (keyboard users and browsers without script do).
(function () {
  document.querySelectorAll('.meeting-grid').forEach(grid => {
    let dragged = null;
    grid.querySelectorAll('.meeting[draggable=true]').forEach(tile => {
      tile.addEventListener('dragstart', event => {
        dragged = tile;
        tile.classList.add('dragging');
        event.dataTransfer.effectAllowed = 'move';
        event.dataTransfer.setData('text/plain', tile.dataset.request);
      });
      tile.addEventListener('dragend', () => {
        tile.classList.remove('dragging');
        dragged = null;
      });
    });
    grid.querySelectorAll('td[data-slot]').forEach(cell => {
      cell.addEventListener('dragover', event => {
        if (!dragged || cell.querySelector('.meeting')) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        cell.classList.add('drop-target');
      });
      cell.addEventListener('dragleave', () => cell.classList.remove('drop-target'));
      cell.addEventListener('drop', event => {
        if (!dragged) return;
        event.preventDefault();
        const form = dragged.querySelector('form.meeting-move');
        form.querySelector('[name=blockId]').value = cell.dataset.block;
        form.querySelector('[name=slot]').value = cell.dataset.slot;
        form.querySelector('[name=table]').value = cell.dataset.table;
        form.submit();
      });
    });
  });
})();
