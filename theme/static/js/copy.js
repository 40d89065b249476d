/* Kopienu ziņas: copy buttons beside feed and calendar addresses (theme/templates/macros/
   addresses.html). Progressive enhancement: without this script the buttons stay hidden and
   each address is selectable text in a read-only field.
   Focus stays on the button (a keyboard user can press it again); every copy is announced,
   a second one too (the status line is emptied first); the button shows its "done" word for
   two seconds from the latest press, then its own label again. */
(function () {
  "use strict";
  var status = document.getElementById("copy-status");

  function copied(button) {
    button.textContent = button.dataset.done;
    clearTimeout(button.restore);
    button.restore = setTimeout(function () { button.textContent = button.dataset.label; }, 2000);
    if (status) {
      status.textContent = "";
      setTimeout(function () { status.textContent = button.dataset.done; }, 50);
    }
  }

  function copyBySelection(field, button) {
    field.focus();
    field.select();
    if (document.execCommand("copy")) { copied(button); }
    button.focus();
  }

  function copy(field, button) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { copied(button); },
        function () { copyBySelection(field, button); });
    } else {
      copyBySelection(field, button);
    }
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    if (!field) { return; }
    button.dataset.label = button.textContent;
    field.addEventListener("focus", function () { field.select(); });
    button.addEventListener("click", function () { copy(field, button); });
    button.hidden = false;
  });
}());
