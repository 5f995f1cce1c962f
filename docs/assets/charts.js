// Charts (timeline, network): the filter by actor or country. The SVG is written at build time
// (src/dipevents/site/charts.py, network.py); marks carry their filter tokens in data-k
// ("actor:ID country:CODE", a token's count after "=" when it is not 1).
function counts(el) {
  const out = new Map();
  for (const part of (el.dataset.k || "").split(" ")) {
    if (!part) continue;
    const at = part.lastIndexOf("=");
    out.set(at > 0 ? part.slice(0, at) : part, at > 0 ? Number(part.slice(at + 1)) : 1);
  }
  return out;
}

// The timeline: each column's marks restacked from the bottom with the count for TOKEN.
function filterTimeline(svg, token) {
  const unit = Number(svg.dataset.unit), gap = Number(svg.dataset.gap), least = Number(svg.dataset.min);
  let total = 0;
  svg.querySelectorAll("g.column").forEach((column) => {
    let y = Number(column.dataset.base), sum = 0;
    column.querySelectorAll("a.mark").forEach((mark) => {
      const n = token ? counts(mark).get(token) || 0 : Number(mark.dataset.n);
      mark.style.display = n ? "" : "none";
      if (!n) return;
      const h = Math.max(n * unit, least);
      y -= h;
      const rect = mark.querySelector("rect");
      rect.setAttribute("y", y);
      rect.setAttribute("height", h - gap);
      sum += n;
    });
    const label = column.querySelector("text.count");
    label.textContent = sum;
    label.setAttribute("y", y - 4);
    total += sum;
  });
  return total + (total === 1 ? " record" : " records");
}

// The network: the chosen actors (or a country's), their connections and neighbours; the rest faded.
function filterNetwork(svg, token) {
  const nodes = [...svg.querySelectorAll("a.node")], edges = [...svg.querySelectorAll("a.edge")];
  const chosen = new Set(nodes.filter((n) => !token || counts(n).has(token)).map((n) => n.dataset.id));
  const near = new Set(chosen);
  let shown = 0;
  edges.forEach((e) => {
    const on = !token || chosen.has(e.dataset.a) || chosen.has(e.dataset.b);
    e.classList.toggle("faded", !on);
    if (on) { near.add(e.dataset.a); near.add(e.dataset.b); shown += 1; }
  });
  nodes.forEach((n) => n.classList.toggle("faded", !near.has(n.dataset.id)));
  return shown + (shown === 1 ? " connection" : " connections");
}

document.querySelectorAll("select[data-chart-filter]").forEach((select) => {
  const box = select.closest(".chart-filter");
  const svg = box.parentElement.querySelector("svg.chart");
  const result = box.querySelector(".chart-filter-result");
  if (!svg) return;
  const apply = () => {
    const token = select.value;
    const said = svg.classList.contains("timeline") ? filterTimeline(svg, token) : filterNetwork(svg, token);
    result.textContent = token ? said : "";
  };
  select.addEventListener("change", apply);
  if (select.value) apply(); // a value the browser restored (back button)
});
