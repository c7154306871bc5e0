// The reader's own queries, kept in this browser (localStorage): the ones they ran, newest
// first, and the ones they saved under a name; each a link that opens it on this page, so it
// can be shared as it is. The page works without this script; it only adds the list.
import { t } from "./messages.js";

const RECENT = "policygraph.recent-queries";
const SAVED = "policygraph.saved-queries";
const KEPT = 20;
const form = document.getElementById("query-form");
const textarea = form.querySelector("textarea");
const panel = document.getElementById("my-queries");

const read = (key) => JSON.parse(localStorage.getItem(key) || "[]");
const write = (key, items) => localStorage.setItem(key, JSON.stringify(items));
const current = () => textarea.value;
const linkTo = (query) => `/query?${new URLSearchParams({ query })}`;

function show(list, items, removable) {
  const element = document.getElementById(list);
  if (!items.length) {
    const empty = document.createElement("li");
    empty.className = "muted";
    empty.textContent = t("nothing yet");
    element.replaceChildren(empty);
    return;
  }
  element.replaceChildren(...items.map((item, index) => {
    const entry = document.createElement("li");
    const link = document.createElement("a");
    link.href = linkTo(item.query);
    link.textContent = item.name || item.query.split("\n").find((line) => line.trim()
      && !line.startsWith("#") && !/^PREFIX/i.test(line))?.trim() || item.query.slice(0, 60);
    link.title = item.query;
    entry.append(link);
    if (removable) {
      const remove = document.createElement("button");
      remove.type = "button";
      remove.className = "remove";
      remove.textContent = "×";
      remove.title = t("Remove");
      remove.addEventListener("click", () => {
        const saved = read(SAVED);
        saved.splice(index, 1);
        write(SAVED, saved);
        render();
      });
      entry.append(" ", remove);
    }
    return entry;
  }));
}

function render() {
  show("saved-queries", read(SAVED), true);
  show("query-history", read(RECENT), false);
}

form.addEventListener("submit", () => {
  const query = current().trim();
  if (!query) return;
  const recent = read(RECENT).filter((item) => item.query !== query);
  write(RECENT, [{ query }, ...recent].slice(0, KEPT));
});
document.getElementById("save-query").addEventListener("click", () => {
  const query = current().trim();
  const name = query && window.prompt(t("Name of this query"));
  if (!name) return;
  write(SAVED, [{ name, query }, ...read(SAVED).filter((item) => item.name !== name)]);
  render();
});
document.getElementById("copy-link").addEventListener("click", async () => {
  await navigator.clipboard.writeText(new URL(linkTo(current()), location.href).href);
  document.getElementById("copied").textContent = t("Link copied");
});
panel.hidden = false;
render();
