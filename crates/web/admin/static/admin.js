// The newsroom works without this script; it adds live preview and a formatting toolbar.
(function () {
  "use strict";
  var csrf = document.querySelector('input[name="_csrf"]');
  var body = document.getElementById("body");
  var pane = body && document.getElementById(body.getAttribute("data-preview"));

  if (body && pane && csrf && window.fetch) {
    var timer = null;
    var format = function () {
      var checked = document.querySelector('input[name="body_format"]:checked');
      return checked ? checked.value : "markdown";
    };
    var refresh = function () {
      var data = new URLSearchParams();
      data.set("body", body.value);
      data.set("body_format", format());
      fetch("/admin/preview", {
        method: "POST",
        headers: { "x-csrf-token": csrf.value, "content-type": "application/x-www-form-urlencoded" },
        body: data.toString(),
        credentials: "same-origin"
      }).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (html) {
        if (html !== null) pane.innerHTML = html;
      });
    };
    body.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
    document.querySelectorAll('input[name="body_format"]').forEach(function (radio) {
      radio.addEventListener("change", refresh);
    });
  }

  document.querySelectorAll(".toolbar").forEach(function (bar) {
    var target = document.getElementById(bar.getAttribute("data-for"));
    if (!target) return;
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      var start = target.selectionStart, end = target.selectionEnd;
      var text = target.value, chosen = text.slice(start, end), insert;
      if (button.hasAttribute("data-wrap")) {
        var mark = button.getAttribute("data-wrap");
        insert = mark + (chosen || "text") + mark;
      } else if (button.hasAttribute("data-prefix")) {
        insert = button.getAttribute("data-prefix") + (chosen || "");
      } else if (button.hasAttribute("data-link")) {
        var url = window.prompt("Link address", "https://");
        if (!url) return;
        insert = "[" + (chosen || "link text") + "](" + url + ")";
      } else {
        insert = "\n\n" + button.getAttribute("data-insert") + "\n\n";
      }
      target.value = text.slice(0, start) + insert + text.slice(end);
      target.focus();
      target.setSelectionRange(start + insert.length, start + insert.length);
      target.dispatchEvent(new Event("input"));
    });
  });
})();

// Drag and drop onto the upload form: the dropped files go into the file input and the
// form is sent as if chosen by hand.
(function () {
  "use strict";
  document.querySelectorAll(".dropzone").forEach(function (zone) {
    var input = document.getElementById(zone.getAttribute("data-input"));
    if (!input) return;
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) { event.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        if (input.form) input.form.requestSubmit();
      }
    });
  });
})();
