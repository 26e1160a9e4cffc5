// Live board: follows GET /api/live/stream (server-sent events) and patches the tiles in place.
// Only textContent and class names are set: no text from the server is ever parsed as HTML.
(function () {
  "use strict";
  var statusDot = document.getElementById("live-status");
  var statusText = document.getElementById("live-text");
  var at = document.getElementById("live-at");
  var lastMessage = 0;

  function setStatus(state, text) {
    statusDot.setAttribute("data-state", state);
    statusText.textContent = text;
  }

  function age(seconds) {
    if (seconds < 60) return Math.round(seconds) + " s";
    if (seconds < 3600) return Math.floor(seconds / 60) + " min";
    return Math.floor(seconds / 3600) + " h";
  }

  function excursions(open, active) {
    return open === 0 && active === 0 ? "no open excursions" : open + " open excursion" + (open === 1 ? "" : "s") + " (" + active + " active)";
  }

  function set(root, field, text) {
    var el = root.querySelector('[data-field="' + field + '"]');
    if (el && el.textContent !== text) el.textContent = text;
    return el;
  }

  function apply(snapshot) {
    var tiles = document.querySelectorAll(".tile[data-room]");
    if (tiles.length !== snapshot.rooms.length) { window.location.reload(); return; }
    snapshot.rooms.forEach(function (room) {
      var tile = document.querySelector('.tile[data-room="' + CSS.escape(room.id) + '"]');
      if (!tile) { window.location.reload(); return; }
      tile.className = "tile level-" + room.level;
      set(tile, "state", room.state);
      set(tile, "batches", room.batches.length === 0 ? "no active batch" : "batch " + room.batches.join(", "));
      var link = set(tile, "excursions", excursions(room.openExcursions, room.activeExcursions));
      if (link) link.classList.toggle("has", room.openExcursions > 0);
      room.parameters.forEach(function (p) {
        var row = tile.querySelector('tr[data-key="' + CSS.escape(p.key) + '"]');
        if (!row) return;
        row.className = "lv-" + p.level + (p.isStale ? " stale" : "");
        set(row, "value", p.text);
        set(row, "level", p.levelText);
        set(row, "limits", p.limits);
        set(row, "age", p.ageSeconds === null ? "no data" : age(p.ageSeconds));
      });
    });
    // The page's time convention (SiteClock): the shown zone as text, the other on hover.
    var when = new Date(snapshot.at);
    at.setAttribute("datetime", snapshot.at);
    at.textContent = inZone(when, at.getAttribute("data-zone"));
    at.title = inZone(when, at.getAttribute("data-hover-zone"));
  }

  function inZone(when, zone) {
    // sv-SE writes dates as yyyy-MM-dd HH:mm:ss, the format SiteClock uses on the server.
    var text = new Intl.DateTimeFormat("sv-SE", { timeZone: zone || "UTC", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" }).format(when);
    return text + " " + (zone || "UTC");
  }

  function connect() {
    var source = new EventSource("/api/live/stream");
    source.addEventListener("snapshot", function (event) {
      lastMessage = Date.now();
      setStatus("live", "Live");
      var snapshot = JSON.parse(event.data);
      apply(snapshot);
      // The banner of unacknowledged excursions (banner.js) follows the same stream: one connection per board.
      document.dispatchEvent(new CustomEvent("cleanroom:snapshot", { detail: snapshot }));
    });
    source.onerror = function () {
      setStatus("lost", "Connection lost, reconnecting…");
      if (source.readyState === EventSource.CLOSED) {
        // Closed for good (401 after the session ended, for example): find out whether we are still signed in.
        fetch("/api/auth/me", { credentials: "same-origin" }).then(function (response) {
          if (response.status === 401) window.location.href = "/login?ReturnUrl=%2F";
          else window.setTimeout(connect, 3000);
        }, function () { window.setTimeout(connect, 3000); });
      }
    };
  }

  window.setInterval(function () {
    if (lastMessage && Date.now() - lastMessage > 5000) setStatus("lost", "No live data for " + Math.round((Date.now() - lastMessage) / 1000) + " s");
  }, 1000);
  connect();
})();
