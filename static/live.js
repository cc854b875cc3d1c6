// Chorus live boards: listen for new responses and refresh the board's figures in place.
// Progressive enhancement only: without this script the page shows current figures and a
// Refresh link. Nothing here reads or sends answers; events carry ids and times only.
(function () {
  "use strict";
  var board = document.getElementById("live-board");
  var status = document.getElementById("live-status");
  if (!board || !status || !window.EventSource || !window.fetch) {
    return;
  }
  var fragment = board.getAttribute("data-fragment");
  var source = new EventSource(board.getAttribute("data-events"));
  var unseen = 0;
  var refreshTimer = null;
  var announceTimer = null;
  var lastAnnounced = 0;
  var QUIET_MS = 15000;

  function announce() {
    announceTimer = null;
    if (unseen === 0) {
      return;
    }
    status.textContent = unseen === 1 ? "1 new response" : unseen + " new responses";
    unseen = 0;
    lastAnnounced = Date.now();
  }

  // Announce at most once every 15 seconds, so screen readers are not interrupted often.
  function scheduleAnnounce() {
    if (announceTimer) {
      return;
    }
    var wait = Math.max(0, lastAnnounced + QUIET_MS - Date.now());
    announceTimer = window.setTimeout(announce, wait);
  }

  function refresh() {
    refreshTimer = null;
    window.fetch(fragment, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (html) {
        if (html !== null) {
          board.innerHTML = html;
          scheduleAnnounce();
        }
      })
      .catch(function () { /* keep the figures we have; the next event tries again */ });
  }

  // Several responses in quick succession make one refresh.
  function scheduleRefresh() {
    if (!refreshTimer) {
      refreshTimer = window.setTimeout(refresh, 250);
    }
  }

  source.addEventListener("response", function () {
    unseen += 1;
    scheduleRefresh();
  });
  source.addEventListener("resync", scheduleRefresh);
})();
