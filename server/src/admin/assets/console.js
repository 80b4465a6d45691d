/*
 * The console's only script, progressive enhancement: every page works without it. It shows the copy
 * buttons (and copies), asks before destructive actions (data-confirm), and moves focus to the result
 * of the last action so screen readers read it.
 */
"use strict";

(() => {
  const announce = (text) => {
    const region = document.querySelector(".copy-result");
    if (region) region.textContent = text;
  };

  const copyText = async (input) => {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(input.value);
      return;
    }
    // plain http off localhost has no clipboard API: copy the selection the old way
    input.focus();
    input.select();
    if (!document.execCommand("copy")) throw new Error("copy refused");
  };

  const setUpCopyButtons = () => {
    for (const button of document.querySelectorAll("button.copy[data-copy]")) {
      const input = document.getElementById(button.dataset.copy);
      const label = input && document.querySelector(`label[for="${input.id}"]`);
      if (!input || !label) continue;
      button.hidden = false;
      button.setAttribute("aria-label", `复制：${label.textContent}`);
      button.addEventListener("click", () => {
        copyText(input).then(
          () => announce(`已复制：${label.textContent}`),
          () => {
            input.focus();
            input.select();
            announce("浏览器不让复制：路径已选中，请按 Ctrl+C（手机上长按）复制");
          },
        );
      });
    }
  };

  const setUpConfirmations = () => {
    document.addEventListener("submit", (event) => {
      const message = event.submitter && event.submitter.dataset.confirm;
      if (message && !window.confirm(message)) event.preventDefault();
    });
  };

  document.addEventListener("DOMContentLoaded", () => {
    setUpCopyButtons();
    setUpConfirmations();
    const flash = document.querySelector(".flash");
    if (flash) flash.focus();
  });
})();
