// Sorts a table.sortable by the column whose header is clicked (again: the other way).
// Cells with data-sort compare as numbers, others as text in Chinese collation order.
import { t } from "./messages.js";
const collator = new Intl.Collator(["zh", "en"], { numeric: true });

function key(cell) {
  if (!cell) return "";
  return cell.dataset.sort !== undefined ? Number(cell.dataset.sort) : cell.textContent.trim();
}

function compare(a, b) {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (a === "" || b === "") return a === b ? 0 : a === "" ? 1 : -1; // empty cells last
  return collator.compare(String(a), String(b));
}

function sortBy(table, header) {
  const index = [...header.parentElement.children].indexOf(header);
  const ascending = header.getAttribute("aria-sort") !== "ascending";
  for (const other of header.parentElement.children) other.removeAttribute("aria-sort");
  header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const body = table.tBodies[0];
  const rows = [...body.rows].map((row) => [key(row.cells[index]), row]);
  rows.sort((x, y) => (ascending ? 1 : -1) * compare(x[0], y[0]));
  body.append(...rows.map(([, row]) => row));
}

for (const table of document.querySelectorAll("table.sortable")) {
  for (const header of table.tHead?.rows[0]?.cells ?? []) {
    header.tabIndex = 0;
    header.title = t("Sort by this column");
    header.addEventListener("click", () => sortBy(table, header));
    header.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        sortBy(table, header);
      }
    });
  }
}
