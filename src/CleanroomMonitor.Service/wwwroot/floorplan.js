// Floor plan: follows GET /api/live/stream (the live board's snapshots) and recolours the rooms, their key values and
// the pressure cascade arrows in place. Only textContent, class names and attributes are set: no server text is parsed
// as HTML. The texts are built exactly as FloorPlanView builds them on the server, so a reload shows the same page.
(function () {
  "use strict";
  var statusDot = document.getElementById("fp-status");
  var statusText = document.getElementById("fp-status-text");
  var at = document.getElementById("fp-at");
  var lastMessage = 0;
  var levelWords = { action: "\u2716 ACTION", alert: "\u25B2 ALERT" };

  function setStatus(state, text) {
    statusDot.setAttribute("data-state", state);
    statusText.textContent = text;
  }

  function fit(text, max) {
    return max && text.length > max ? text.slice(0, max - 1) + "\u2026" : text;
  }

  function levelWord(level) { return levelWords[level] || "\u2713 normal"; }

  function gradeText(grade) { return grade === "unclassified" ? "unclassified" : "Grade " + grade; }

  function judged(level) { return level === "normal" || level === "none"; }

  function setText(el, text) {
    var max = parseInt(el.getAttribute("data-max") || "0", 10);
    var cut = fit(text, max);
    if (el.textContent !== cut) el.textContent = cut;
  }

  function accessibleName(room) {
    return room.name + ", " + gradeText(room.grade) + ", " + room.state + ", " + (room.level === "normal" ? "normal" : room.level + " excursion");
  }

  function valueText(label, p) {
    return p.value === null ? label + " no data" : label + " " + p.text + " " + p.unit + (judged(p.level) ? "" : " \u00B7 " + p.levelText);
  }

  function pressureText(sign, p) {
    if (p.value === null) return "no data";
    var along = sign === 0 ? p.value : p.value * sign;
    return along.toFixed(1) + " Pa" + (judged(p.level) ? "" : " \u00B7 " + p.levelText);
  }

  function visibleRooms() {
    var ids = {};
    document.querySelectorAll("[data-room]").forEach(function (el) { ids[el.getAttribute("data-room")] = true; });
    return Object.keys(ids).sort().join(" ");
  }

  function applyRoom(room, parameters) {
    document.querySelectorAll('[data-room="' + CSS.escape(room.id) + '"]').forEach(function (el) {
      el.classList.remove("level-normal", "level-alert", "level-action");
      el.classList.add("level-" + room.level);
      var link = el.tagName.toLowerCase() === "a" ? el : el.querySelector("a");
      // A zone on the plan is named by its SVG title child; a room listed beside the plan by aria-label.
      var title = link && link.querySelector(":scope > title");
      if (title) title.textContent = accessibleName(room);
      else if (link) link.setAttribute("aria-label", accessibleName(room));
      el.querySelectorAll("[data-field]").forEach(function (field) {
        var kind = field.getAttribute("data-field");
        if (kind === "state") {
          var grade = field.getAttribute("data-label");
          setText(field, grade ? grade + " \u00B7 " + room.state : room.state);
        } else if (kind === "level") {
          setText(field, levelWord(room.level));
          if (field.classList.contains("chip")) field.className = "chip " + room.level;
        } else if (kind === "value") {
          var p = parameters[field.getAttribute("data-key")];
          if (!p) return;
          setText(field, valueText(field.getAttribute("data-label"), p));
          field.setAttribute("class", "fp-value " + p.level);
        }
      });
    });
  }

  function apply(snapshot) {
    var ids = snapshot.rooms.map(function (r) { return r.id; }).sort().join(" ");
    // A lease that began or ended changes what this user may see: the server draws the plan again.
    if (ids !== visibleRooms()) { window.location.reload(); return; }
    var parameters = {};
    snapshot.rooms.forEach(function (room) { room.parameters.forEach(function (p) { parameters[p.key] = p; }); });
    snapshot.rooms.forEach(function (room) { applyRoom(room, parameters); });
    document.querySelectorAll("g.fp-link[data-key]").forEach(function (g) {
      var p = parameters[g.getAttribute("data-key")];
      if (!p) return;
      var sign = parseInt(g.getAttribute("data-sign"), 10);
      g.setAttribute("class", "fp-link level-" + p.level + (sign === 0 ? " undirected" : ""));
      var label = g.querySelector('[data-field="pressure"]');
      if (label) setText(label, pressureText(sign, p));
    });
    at.setAttribute("datetime", snapshot.at);
    at.textContent = snapshot.at.replace("T", " ").replace(/\.\d+/, "").replace(/(Z|\+00:00)$/, " UTC");
  }

  function connect() {
    var source = new EventSource("/api/live/stream");
    source.addEventListener("snapshot", function (event) {
      lastMessage = Date.now();
      setStatus("live", "Live");
      apply(JSON.parse(event.data));
    });
    source.onerror = function () {
      setStatus("lost", "Connection lost, reconnecting\u2026");
      if (source.readyState === EventSource.CLOSED) {
        // Asks /api/live, as live.js does: every viewer and a wall display may read it (a display gets 403 from /api/auth/me).
        fetch("/api/live", { credentials: "same-origin" }).then(function (response) {
          if (response.status === 401) window.location.href = "/login?ReturnUrl=%2Ffloor-plan";
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
