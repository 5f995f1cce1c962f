// List pages: sort and filter every record list with DataTables (copied into assets/vendor/ at build time).
const lists = document.querySelectorAll(".record-list table");
if (lists.length) {
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL("vendor/datatables.css", import.meta.url).href;
  document.head.appendChild(css);
  const { default: DataTable } = await import("./vendor/datatables.js");
  lists.forEach((table) => {
    new DataTable(table, { paging: false, info: true, order: [], autoWidth: false,
                           language: { search: "Filter:" } });
  });
}
