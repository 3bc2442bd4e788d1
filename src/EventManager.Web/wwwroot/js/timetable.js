// Drag a session to another time or room: the drop fills the session's own Move form and sends it, so the server
// checks clashes exactly as when the form is used by hand (which keyboard users and browsers without script do).
(function () {
  const grid = document.getElementById('timetable');
  if (!grid) return;
  const day = grid.dataset.day;
  const first = Number(grid.dataset.firstMinute);
  const step = Number(grid.dataset.minutesPerRow);
  let dragged = null;
  let grabbedAt = 0;

  grid.querySelectorAll('.tt-session').forEach(tile => {
    tile.addEventListener('dragstart', event => {
      dragged = tile;
      grabbedAt = event.clientY - tile.getBoundingClientRect().top;
      tile.classList.add('dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', tile.dataset.session);
    });
    tile.addEventListener('dragend', () => {
      tile.classList.remove('dragging');
      grid.classList.remove('drop-target');
      dragged = null;
    });
  });

  grid.addEventListener('dragover', event => {
    if (!dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    grid.classList.add('drop-target');
  });
  grid.addEventListener('dragleave', event => {
    if (event.target === grid) grid.classList.remove('drop-target');
  });

  grid.addEventListener('drop', event => {
    if (!dragged) return;
    event.preventDefault();
    const room = Array.from(grid.querySelectorAll('.tt-room')).find(r => {
      const box = r.getBoundingClientRect();
      return event.clientX >= box.left && event.clientX <= box.right;
    });
    const hour = grid.querySelector('.tt-hour');
    if (!room || !hour) return;
    const rowHeight = hour.getBoundingClientRect().height / (60 / step);
    const rows = Math.round((event.clientY - grabbedAt - hour.getBoundingClientRect().top) / rowHeight);
    const minute = Math.max(0, Math.min(24 * 60 - step, first + rows * step));
    const time = String(Math.floor(minute / 60)).padStart(2, '0') + ':' + String(minute % 60).padStart(2, '0');
    const form = dragged.querySelector('form.tt-move');
    form.querySelector('[name=startsLocal]').value = day + 'T' + time;
    form.querySelector('[name=roomId]').value = room.dataset.room || '';
    form.submit();
  });
})();
