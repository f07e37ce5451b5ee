// Copy-link button: copies the article's address instead of following the link.
// Without JavaScript the link still works: it is the article's own address.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-copy]");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.getAttribute("data-copy")).then(function () {
    var label = link.textContent;
    link.textContent = "Link copied";
    setTimeout(function () { link.textContent = label; }, 2000);
  });
});
