// Moves a job's progress bar: asks the job's status every second and reloads the
// page when the job has ended, to show its result. Without JavaScript the page
// refreshes itself (a <meta refresh> inside <noscript>).
(function () {
  var box = document.getElementById("job");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-status-url");
  var bar = document.getElementById("job-progress");
  function set(id, text) { var el = document.getElementById(id); if (el) el.textContent = text; }
  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store" }).then(function (r) { return r.json(); }).then(function (s) {
      if (s.total > 0) { bar.max = s.total; bar.value = s.done; set("job-count", s.done + "/" + s.total); }
      else { bar.max = 100; bar.value = s.percent; }
      bar.textContent = s.percent + "%";
      set("job-percent", s.percent + "%");
      set("job-status", s.status_label);
      set("job-message", s.message);
      if (s.finished) { window.location.reload(); return; }
      setTimeout(poll, 1000);
    }).catch(function () { setTimeout(poll, 3000); });
  }
  setTimeout(poll, 500);
})();
