// Source pages: mark the passage the reader arrived at (#ev-...) and bring it into view.
function markTarget() {
  document.querySelectorAll("mark.evidence.current").forEach((m) => m.classList.remove("current"));
  const id = decodeURIComponent(location.hash.slice(1));
  const anchor = id.startsWith("ev-") ? document.getElementById(id) : null;
  if (!anchor || !anchor.dataset.ev) return;
  const marks = document.querySelectorAll("mark.evidence.ev-" + anchor.dataset.ev);
  marks.forEach((m) => m.classList.add("current"));
  if (marks.length) marks[0].scrollIntoView({ block: "center" });
}
window.addEventListener("hashchange", markTarget);
markTarget();
