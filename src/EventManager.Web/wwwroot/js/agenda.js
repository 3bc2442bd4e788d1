// Days as tabs, and "use my time zone". Without JavaScript every day shows, one after another.
(function () {
  const tablist = document.querySelector('.day-tabs');
  if (tablist) {
    const tabs = Array.from(tablist.querySelectorAll('[role=tab]'));
    const select = (tab, focus) => {
      tabs.forEach(t => {
        const on = t === tab;
        t.setAttribute('aria-selected', on ? 'true' : 'false');
        t.tabIndex = on ? 0 : -1;
        document.getElementById(t.getAttribute('aria-controls')).hidden = !on;
      });
      if (focus) tab.focus();
    };
    tabs.forEach((tab, i) => {
      tab.addEventListener('click', () => select(tab, false));
      tab.addEventListener('keydown', e => {
        if (e.key === 'ArrowRight') select(tabs[(i + 1) % tabs.length], true);
        if (e.key === 'ArrowLeft') select(tabs[(i - 1 + tabs.length) % tabs.length], true);
      });
    });
    tablist.hidden = false;
    const wanted = tabs.find(t => location.hash === '#' + t.getAttribute('aria-controls'));
    select(wanted || tabs[0], false);
    window.addEventListener('beforeprint', () => tabs.forEach(t => document.getElementById(t.getAttribute('aria-controls')).hidden = false));
    window.addEventListener('afterprint', () => select(tabs.find(t => t.getAttribute('aria-selected') === 'true') || tabs[0], false));
  }
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
