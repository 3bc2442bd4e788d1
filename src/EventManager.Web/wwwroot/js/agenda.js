// "Use my time zone": offered when the browser says which zone it is in.
(function () {
  const mine = document.getElementById('use-my-zone');
  const zoneSelect = document.getElementById('tz');
  if (mine && zoneSelect && window.Intl) {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && Array.from(zoneSelect.options).some(o => o.value === zone)) {
      mine.hidden = false;
      mine.textContent += ' (' + zone + ')';
      mine.addEventListener('click', () => { zoneSelect.value = zone; zoneSelect.form.submit(); });
    }
  }
})();
