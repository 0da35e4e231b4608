// 工作台: the few behaviours plain HTML lacks. Everything works without it.
(function () {
  // 常用模板: insert a canned text into its textarea.
  document.addEventListener("click", function (ev) {
    var btn = ev.target.closest("[data-insert]");
    if (!btn) return;
    var box = document.querySelector(btn.getAttribute("data-insert"));
    if (!box) return;
    box.value = box.value ? box.value + "\n" + btn.getAttribute("data-text") : btn.getAttribute("data-text");
    // 知识库: the answer records which entry it came from
    var cited = btn.getAttribute("data-knowledge") && document.querySelector(btn.getAttribute("data-knowledge"));
    if (cited) cited.value = btn.getAttribute("data-entry");
    box.focus();
  });
  // Buttons that close a case for good (并单, 不予受理 from the review panel) ask first.
  document.addEventListener("submit", function (ev) {
    var form = ev.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.getAttribute("data-confirm"))) ev.preventDefault();
  });
  // "/" jumps to the search box, as in most work tools.
  document.addEventListener("keydown", function (ev) {
    if (ev.key !== "/" || /INPUT|TEXTAREA|SELECT/.test(document.activeElement.tagName)) return;
    var search = document.querySelector("input[type=search]");
    if (search) { ev.preventDefault(); search.focus(); }
  });
})();
