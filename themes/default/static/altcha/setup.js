// Broadsheet's spam checks use ALTCHA's SHA-256 challenges; the external build of the
// widget needs its worker registered before the widget starts.
if (window.$altcha && !window.$altcha.algorithms.has("SHA-256")) {
  window.$altcha.algorithms.set("SHA-256", function () {
    return new Worker("/static/altcha/sha.js");
  });
}
