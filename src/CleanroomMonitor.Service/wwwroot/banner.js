// Banner of unacknowledged excursions on the live board (docs/web.md). It follows the snapshots live.js receives
// (event "cleanroom:snapshot"): no connection of its own. Only textContent and attributes are set.
// Sound and desktop notifications are opt-in: off until the person turns them on, and never for the excursions
// already listed when the page loads.
(function () {
  "use strict";
  var banner = document.getElementById("unack");
  var list = document.getElementById("unack-list");
  var count = document.getElementById("unack-count");
  var template = document.getElementById("unack-template");
  var announce = document.getElementById("unack-announce");
  var controls = document.getElementById("alarm-controls");
  var soundBox = document.getElementById("alarm-sound");
  var notifyButton = document.getElementById("alarm-notify");
  var notifyState = document.getElementById("alarm-notify-state");
  if (!banner || !list || !template) return;

  var SOUND_KEY = "cleanroom.alarm.sound";
  var NOTIFY_KEY = "cleanroom.alarm.notify";
  var baseTitle = document.title.replace(/^\(\d+\) /, "");
  var receivedAt = Date.now();
  var audio = null;

  function stored(key) {
    try { return window.localStorage.getItem(key) === "on"; } catch (e) { return false; }
  }

  function store(key, on) {
    try { window.localStorage.setItem(key, on ? "on" : "off"); } catch (e) { /* private mode: not remembered */ }
  }

  function ago(seconds) {
    if (seconds < 60) return Math.round(seconds) + " s ago";
    if (seconds < 3600) return Math.floor(seconds / 60) + " min ago";
    return Math.floor(seconds / 3600) + " h ago";
  }

  function field(item, name) {
    return item.querySelector('[data-field="' + name + '"]');
  }

  function setText(el, text) {
    if (el && el.textContent !== text) el.textContent = text;
  }

  function fill(item, entry) {
    item.className = "unack-item lv-" + entry.level;
    item.setAttribute("data-age", String(entry.ageSeconds));
    var level = field(item, "level");
    level.className = "chip " + entry.level;
    setText(level, entry.level);
    field(item, "link").setAttribute("href", "/excursions/" + encodeURIComponent(entry.id));
    setText(field(item, "kind"), entry.kind);
    setText(field(item, "room"), entry.room);
    setText(field(item, "sensor"), entry.sensor || "");
    field(item, "returned").hidden = !entry.hasReturned;
    setText(field(item, "age"), ago(entry.ageSeconds));
  }

  function currentIds() {
    return Array.prototype.map.call(list.querySelectorAll("li[data-id]"), function (li) { return li.getAttribute("data-id"); });
  }

  function showCount(n) {
    setText(count, String(n));
    banner.hidden = n === 0;
    var title = (n > 0 ? "(" + n + ") " : "") + baseTitle;
    if (document.title !== title) document.title = title;
  }

  function describe(entry) {
    return entry.level + " excursion: " + entry.kind + " in " + entry.room + (entry.sensor ? " (" + entry.sensor + ")" : "");
  }

  function apply(entries) {
    var before = currentIds();
    var known = {};
    before.forEach(function (id) { known[id] = true; });
    var wanted = {};
    var fresh = [];
    entries.forEach(function (entry) {
      wanted[entry.id] = true;
      if (!known[entry.id]) fresh.push(entry);
    });
    Array.prototype.forEach.call(list.querySelectorAll("li[data-id]"), function (li) {
      if (!wanted[li.getAttribute("data-id")]) li.remove();
    });
    var sameOrder = before.filter(function (id) { return wanted[id]; }).join(",") === entries.map(function (e) { return e.id; }).filter(function (id) { return known[id]; }).join(",");
    entries.forEach(function (entry, index) {
      var item = list.querySelector('li[data-id="' + CSS.escape(entry.id) + '"]');
      if (!item) {
        item = template.content.firstElementChild.cloneNode(true);
        item.setAttribute("data-id", entry.id);
      }
      fill(item, entry);
      // Existing lines are moved only when the order changed: moving a line would take the keyboard focus off its link.
      if (!item.parentNode || !sameOrder) {
        var at = list.children[index];
        if (at !== item) list.insertBefore(item, at || null);
      }
    });
    receivedAt = Date.now();
    showCount(entries.length);
    if (fresh.length > 0) {
      setText(announce, "New unacknowledged " + fresh.map(describe).join("; "));
      if (soundBox && soundBox.checked) beep();
      fresh.forEach(notify);
    }
  }

  // A short two-tone chime from an oscillator: no audio file to serve or cache.
  function beep() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    if (!audio) audio = new Context();
    if (audio.state === "suspended") audio.resume();
    var start = audio.currentTime;
    [880, 660].forEach(function (frequency, i) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + i * 0.2);
      gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.2 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.2 + 0.18);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + i * 0.2);
      osc.stop(start + i * 0.2 + 0.2);
    });
  }

  function notificationsOn() {
    return "Notification" in window && Notification.permission === "granted" && stored(NOTIFY_KEY);
  }

  function notify(entry) {
    if (!notificationsOn()) return;
    var n = new Notification("Unacknowledged " + entry.level + " excursion", {
      body: entry.kind + " in " + entry.room + (entry.sensor ? " · " + entry.sensor : ""),
      tag: "excursion-" + entry.id,
    });
    n.onclick = function () { window.focus(); window.location.href = "/excursions/" + encodeURIComponent(entry.id); };
  }

  function showNotifyControl() {
    if (!("Notification" in window)) {
      notifyButton.hidden = true;
      setText(notifyState, "This browser has no desktop notifications.");
      return;
    }
    if (Notification.permission === "denied") {
      notifyButton.hidden = true;
      setText(notifyState, "Desktop notifications are blocked in this browser's settings.");
      return;
    }
    notifyButton.hidden = false;
    var on = notificationsOn();
    setText(notifyButton, on ? "Turn off desktop notifications" : "Enable desktop notifications");
    notifyButton.setAttribute("aria-pressed", on ? "true" : "false");
    setText(notifyState, on ? "Desktop notifications on." : "");
  }

  if (controls) {
    controls.hidden = false;
    soundBox.checked = stored(SOUND_KEY);
    soundBox.addEventListener("change", function () {
      store(SOUND_KEY, soundBox.checked);
      // Browsers start audio only after a gesture: this click is one, so the context is ready for the next alarm.
      if (soundBox.checked && !audio && (window.AudioContext || window.webkitAudioContext)) audio = new (window.AudioContext || window.webkitAudioContext)();
      if (audio && audio.state === "suspended") audio.resume();
    });
    // A sound remembered from an earlier visit: the page may not play it before the person has interacted with it.
    document.addEventListener("click", function () { if (audio && audio.state === "suspended") audio.resume(); });
    notifyButton.addEventListener("click", function () {
      if (notificationsOn()) { store(NOTIFY_KEY, false); showNotifyControl(); return; }
      // Permission is asked here, on the person's click, never on load.
      Notification.requestPermission().then(function (permission) {
        store(NOTIFY_KEY, permission === "granted");
        showNotifyControl();
      });
    });
    showNotifyControl();
  }

  document.addEventListener("cleanroom:snapshot", function (event) {
    if (event.detail && event.detail.unacknowledged) apply(event.detail.unacknowledged);
  });

  window.setInterval(function () {
    var elapsed = (Date.now() - receivedAt) / 1000;
    Array.prototype.forEach.call(list.querySelectorAll("li[data-id]"), function (li) {
      setText(field(li, "age"), ago(Number(li.getAttribute("data-age")) + elapsed));
    });
  }, 1000);
})();
