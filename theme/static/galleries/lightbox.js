/* Gallery lightbox: progressive enhancement of the thumbnail links (they open the large JPEG
   without JavaScript). A native <dialog>: arrows/Esc, swipe, focus back to the thumbnail,
   the next photo preloaded. */
(function () {
  "use strict";
  function big(link) {
    var pic = link.querySelector("picture").cloneNode(true);
    pic.querySelectorAll("source,img").forEach(function (el) { el.sizes = "100vw"; });
    var img = pic.querySelector("img");
    img.removeAttribute("loading");
    img.src = link.href;
    return pic;
  }
  document.querySelectorAll("[data-lightbox]").forEach(function (grid) {
    var dialog = grid.nextElementSibling;
    if (!dialog || !dialog.showModal) return;
    var links = Array.prototype.slice.call(grid.querySelectorAll(".gallery-link"));
    var holder = dialog.querySelector(".lightbox-image");
    var caption = dialog.querySelector("figcaption");
    var current = 0, preloaded = null, startX = null;
    function show(i) {
      current = (i + links.length) % links.length;
      var link = links[current];
      holder.replaceChildren(big(link));
      var text = link.parentNode.querySelector("figcaption");
      caption.textContent = text ? text.textContent : "";
      preloaded = big(links[(current + 1) % links.length]); /* kept so it finishes loading */
    }
    links.forEach(function (link, i) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        show(i);
        dialog.showModal();
      });
    });
    dialog.querySelector(".lightbox-prev").addEventListener("click", function () { show(current - 1); });
    dialog.querySelector(".lightbox-next").addEventListener("click", function () { show(current + 1); });
    dialog.querySelector(".lightbox-close").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") show(current - 1);
      else if (event.key === "ArrowRight") show(current + 1);
      else return;
      event.preventDefault();
    });
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener("close", function () {
      holder.replaceChildren();
      preloaded = null;
      links[current].focus();
    });
    dialog.addEventListener("touchstart", function (event) {
      startX = event.changedTouches[0].clientX;
    }, { passive: true });
    dialog.addEventListener("touchend", function (event) {
      if (startX === null) return;
      var dx = event.changedTouches[0].clientX - startX;
      startX = null;
      if (Math.abs(dx) > 40) show(dx < 0 ? current + 1 : current - 1);
    });
  });
})();
