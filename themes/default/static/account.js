// Shows the signed-in reader's name where a page says "Your account". Pages are shared
// by every reader of the same membership tier, so the name comes from a cookie the site
// sets at sign-in rather than from the page itself.
(function () {
  var match = document.cookie.match(/(?:^|;\s*)bs_reader_name=([^;]*)/);
  if (!match || !match[1]) return;
  var name;
  try { name = decodeURIComponent(match[1]); } catch (e) { return; }
  var spots = document.querySelectorAll("[data-reader-name]");
  for (var i = 0; i < spots.length; i++) spots[i].textContent = name;
})();
