// Updates an import's figures every second while it runs, and shows the summary (by reloading) when it is done.
(function () {
    var box = document.getElementById('import-job');
    if (!box || box.getAttribute('data-running') !== 'true') {
        return;
    }

    var url = box.getAttribute('data-status-url');
    function set(id, value) {
        var element = document.getElementById(id);
        if (element) {
            element.textContent = value;
        }
    }

    function poll() {
        fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (status) {
                if (!status) {
                    setTimeout(poll, 3000);
                    return;
                }

                var bar = document.getElementById('import-progress');
                bar.max = Math.max(1, status.total);
                bar.value = status.done;
                bar.textContent = status.done + ' / ' + status.total;
                set('import-done', status.text);
                set('import-confirmed', status.confirmed);
                set('import-waiting', status.waiting);
                set('import-skipped', status.skipped);
                if (status.status === 'Finished' || status.status === 'Failed') {
                    window.location.reload();
                } else {
                    setTimeout(poll, 1000);
                }
            })
            .catch(function () { setTimeout(poll, 3000); });
    }

    setTimeout(poll, 1000);
})();
