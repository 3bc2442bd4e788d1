// The check-in desk's camera: reads a badge's QR code and checks that delegate in. The browser's own BarcodeDetector
// where it has one; elsewhere the app's copy of jsQR (Apache 2.0), loaded only when scanning starts. Nothing comes
// from another host. No sound: the page that follows says, in its notice, who was checked in.
(function () {
  'use strict';
  var section = document.getElementById('scan');
  if (!section || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }

  section.hidden = false;
  var start = document.getElementById('scan-start');
  var video = section.querySelector('video');
  var status = document.getElementById('scan-status');
  var form = document.getElementById('scan-form');
  var eventId = section.getAttribute('data-event');
  var stream = null;
  var detector = null;
  var canvas = null;
  var done = false;

  // Only a badge of this event: the desk address the badge holds, with this event's number and a delegate's.
  function delegateOf(text) {
    try {
      var url = new URL(text, window.location.href);
      var match = url.pathname.match(/^\/staff\/events\/(\d+)\/check-in$/);
      var id = url.searchParams.get('id');
      return match && match[1] === eventId && /^\d+$/.test(id || '') ? id : null;
    } catch (e) {
      return null;
    }
  }

  function stop() {
    if (stream) {
      stream.getTracks().forEach(function (track) { track.stop(); });
      stream = null;
    }
  }

  function read() {
    if (detector) {
      return detector.detect(video).then(function (codes) { return codes.length ? codes[0].rawValue : null; });
    }

    if (!video.videoWidth) {
      return Promise.resolve(null);
    }

    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    var context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(video, 0, 0);
    var image = context.getImageData(0, 0, canvas.width, canvas.height);
    var code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
    return Promise.resolve(code ? code.data : null);
  }

  function scan() {
    if (done) {
      return;
    }

    read().then(function (value) {
      var id = value ? delegateOf(value) : null;
      if (id) {
        done = true;
        stop();
        status.textContent = section.getAttribute('data-found');
        form.setAttribute('action', '/staff/events/' + eventId + '/check-in/' + id);
        form.submit();
        return;
      }

      if (value) {
        status.textContent = section.getAttribute('data-other');
      }

      window.setTimeout(scan, 150);
    }, function () { window.setTimeout(scan, 300); });
  }

  function decoder() {
    if ('BarcodeDetector' in window) {
      return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
        if (formats.indexOf('qr_code') >= 0) {
          detector = new window.BarcodeDetector({ formats: ['qr_code'] });
          return;
        }
        return jsQr();
      });
    }
    return jsQr();
  }

  function jsQr() {
    canvas = document.createElement('canvas');
    if (window.jsQR) {
      return Promise.resolve();
    }
    return new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = section.getAttribute('data-decoder');
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  start.addEventListener('click', function () {
    start.disabled = true;
    status.textContent = section.getAttribute('data-starting');
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        video.hidden = false;
        return video.play();
      })
      .then(decoder)
      .then(function () {
        status.textContent = section.getAttribute('data-ready');
        scan();
      })
      .catch(function () {
        stop();
        start.disabled = false;
        status.textContent = section.getAttribute('data-denied');
      });
  });
})();
