// The 打印 button of a printable document (a script file: the CSP allows no inline handlers).
document.addEventListener("click", function (ev) {
  if (ev.target.closest("[data-print]")) window.print();
});
