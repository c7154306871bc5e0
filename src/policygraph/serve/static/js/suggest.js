// Fills the search box's list with the agencies and regions whose names contain what was
// typed, by any alias or function name (`/search/suggest`); the form searches without it.
import { t } from "./messages.js";
const input = document.querySelector("input[list=name-suggestions]");
const list = document.getElementById("name-suggestions");
let timer;
let asked = "";

async function fill() {
  const phrase = input.value.trim();
  if (!phrase || phrase === asked) return;
  asked = phrase;
  const response = await fetch(`/search/suggest?q=${encodeURIComponent(phrase)}`);
  if (!response.ok || phrase !== input.value.trim()) return;
  const names = await response.json();
  list.replaceChildren(...names.map((name) => {
    const option = document.createElement("option");
    option.value = name.label;
    option.label = `${name.label} · ${t(name.kind === "region" ? "region" : "agency")}`;
    return option;
  }));
}

if (input && list) {
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(fill, 150);
  });
}
