// 工作台: the few behaviours plain HTML lacks. Everything works without it.
(function () {
  // 常用模板: insert a canned text into its textarea.
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("[data-insert]");
    if (!btn) return;
    var box = document.querySelector(btn.getAttribute("data-insert"));
    if (!box) return;
    box.value = box.value ? box.value + "\n" + btn.getAttribute("data-text") : btn.getAttribute("data-text");
    box.focus();
  });
  // "/" jumps to the search box, as in most work tools.
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || /INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName)) return;
    var search = document.querySelector("input[type=search]");
    if (search) { ev.preventDefault(); search.focus(); }
  });
})();
