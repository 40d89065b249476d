/* Kopienu ziņas: copy buttons beside feed and calendar addresses (theme/templates/macros/
   addresses.html). Progressive enhancement: without this script the buttons stay hidden and
   each address is selectable text in a read-only field. */
(function () {
  "use strict";
  var status = document.getElementById("copy-status");

  function copied(button) {
    var label = button.textContent;
    button.textContent = button.dataset.done;
    if (status) { status.textContent = button.dataset.done; }
    setTimeout(function () { button.textContent = label; }, 2000);
  }

  function copy(field, button) {
    field.focus();
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { copied(button); },
        function () { if (document.execCommand("copy")) { copied(button); } });
    } else if (document.execCommand("copy")) {
      copied(button);
    }
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    if (!field) { return; }
    field.addEventListener("focus", function () { field.select(); });
    button.addEventListener("click", function () { copy(field, button); });
    button.hidden = false;
  });
}());
