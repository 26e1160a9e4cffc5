// Live board: follows GET /api/live/stream (server-sent events), patches the tiles in place, keeps them in the
// server's order (alarms first) and the alarm strip current, and reconnects by itself when the stream drops or the
// service restarts (a wall display has nobody to press reload).
// Only textContent and class names are set: no text from the server is ever parsed as HTML.
(function () {
  "use strict";
  var statusDot = document.getElementById("live-status");
  var statusText = document.getElementById("live-text");
  var at = document.getElementById("live-at");
  var board = document.getElementById("board");
  var strip = document.getElementById("alarm-strip");
  var stripLinks = strip && strip.getAttribute("data-links") === "true";
  var lastMessage = 0;
  var source = null;
  var retryTimer = 0;
  // A stream silent for this long is treated as dropped (a proxy or network that stalls without closing it).
  var silentLimitMs = 10000;

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
    return open === 0 && active === 0 ? "no excursion waiting to be closed" : open + " excursion" + (open === 1 ? "" : "s") + " not closed yet (" + active + " still active)";
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
      tile.className = "tile level-" + room.level + " status-" + room.status.key;
      set(tile, "status-word", room.status.word);
      var monitoring = set(tile, "monitoring", room.status.monitoring === null ? "" : "not fully monitored: " + room.status.monitoring);
      if (monitoring) monitoring.hidden = room.status.monitoring === null;
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
    order(snapshot.rooms);
    alarms(snapshot.rooms);
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

  // The server sends the rooms in board order (action, alert, open excursions, not fully monitored, normal; file order
  // within each): move only the tiles that are out of place, so an unchanged board is not touched.
  function order(rooms) {
    if (!board) return;
    rooms.forEach(function (room, index) {
      var tile = board.querySelector('.tile[data-room="' + CSS.escape(room.id) + '"]');
      if (tile && board.children[index] !== tile) board.insertBefore(tile, board.children[index] || null);
    });
  }

  function alarms(rooms) {
    if (!strip) return;
    var inAlarm = rooms.filter(function (room) { return room.status.rank <= 1; });
    var list = document.getElementById("alarm-list");
    var key = inAlarm.map(function (room) { return room.id + ":" + room.status.key; }).join("|");
    document.getElementById("alarm-count").textContent = String(inAlarm.length);
    document.getElementById("alarm-none").hidden = inAlarm.length > 0;
    if (list.getAttribute("data-key") === key) return;
    list.setAttribute("data-key", key);
    list.textContent = "";
    inAlarm.forEach(function (room) {
      var item = document.createElement("li");
      item.className = "status-" + room.status.key;
      item.setAttribute("data-room", room.id);
      var word = document.createElement("strong");
      word.textContent = room.status.word;
      var name = document.createElement(stripLinks ? "a" : "span");
      name.textContent = room.name;
      if (stripLinks) name.href = "/rooms/" + encodeURIComponent(room.id);
      item.appendChild(word);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(name);
      list.appendChild(item);
    });
  }

  function retry(delayMs) {
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(connect, delayMs);
  }

  function connect() {
    if (source) source.close();
    source = new EventSource("/api/live/stream");
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
        // Closed for good (401 after the session ended or the display was revoked, 503 while the service starts):
        // ask the board's own data, which a display may read too, whether we are still signed in.
        fetch("/api/live", { credentials: "same-origin" }).then(function (response) {
          if (response.status === 401) window.location.href = "/login?ReturnUrl=%2F";
          else retry(3000);
        }, function () { retry(3000); });
      }
    };
  }

  window.setInterval(function () {
    var silent = Date.now() - lastMessage;
    if (lastMessage && silent > 5000) setStatus("lost", "No live data for " + Math.round(silent / 1000) + " s");
    // Open but silent: the stream dropped without closing. Start a new one (and at most one every silentLimitMs).
    if (lastMessage && silent > silentLimitMs && source && source.readyState !== EventSource.CLOSED) {
      lastMessage = Date.now() - 5000;
      connect();
    }
  }, 1000);
  connect();
})();
