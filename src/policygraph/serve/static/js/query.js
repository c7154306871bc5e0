// The query page's editor: CodeMirror over the form's textarea, SPARQL highlighting,
// completion of the project's prefixes and of the ontology's terms, Ctrl-Enter to run.
import {
  basicSetup, EditorState, EditorView, keymap, sparql, StreamLanguage,
} from "/static/vendor/codemirror.js";
import { t } from "./messages.js";

const form = document.getElementById("query-form");
const textarea = form.querySelector("textarea");
const { prefixes, terms, indicators } = JSON.parse(
  document.getElementById("completions").textContent);
const language = StreamLanguage.define(sparql);

// Chinese typed in the editor completes the agencies and regions whose name or any alias
// contains it (from /search/suggest) and the indicators, as the IRIs that name them.
async function completeEntities(word) {
  const response = await fetch(`/search/suggest?q=${encodeURIComponent(word.text)}`);
  const names = response.ok ? await response.json() : [];
  const options = names.map((name) => ({
    label: `<${name.iri}>`, displayLabel: name.label, detail: t(name.kind), type: "constant",
  }));
  for (const [name, label, aliases] of indicators) {
    if (label.includes(word.text) || aliases.includes(word.text)) {
      options.push({ label: name, displayLabel: label, detail: t("indicator"), type: "constant" });
    }
  }
  return { from: word.from, options, filter: false };
}

// "pg:Ta" completes terms of pg:; "dcte" completes prefixes; after PREFIX, a whole declaration.
function complete(context) {
  const chinese = context.matchBefore(/[\u3400-\u9fff][\u3400-\u9fff\w]*/);
  if (chinese) return completeEntities(chinese);
  const word = context.matchBefore(/[A-Za-z][\w.-]*:[\w.-]*|[A-Za-z][\w-]*/);
  if (!word || (word.from === word.to && !context.explicit)) return null;
  const declaring = /PREFIX\s+$/i.test(context.state.sliceDoc(Math.max(0, word.from - 10),
                                                                word.from));
  if (word.text.includes(":")) {
    const prefix = word.text.slice(0, word.text.indexOf(":") + 1);
    const options = Object.entries(terms)
      .filter(([name]) => name.startsWith(prefix))
      .map(([name, label]) => ({ label: name, detail: label, type: "property" }));
    return { from: word.from, options, validFor: /^[A-Za-z][\w.-]*:[\w.-]*$/ };
  }
  const options = Object.entries(prefixes).map(([prefix, namespace]) => ({
    label: declaring ? `${prefix}: <${namespace}>` : `${prefix}:`,
    detail: declaring ? "" : namespace,
    type: "namespace",
  }));
  return { from: word.from, options, validFor: /^[A-Za-z][\w-]*$/ };
}

const run = () => {
  textarea.value = view.state.doc.toString();
  form.requestSubmit();
  return true;
};

const view = new EditorView({
  state: EditorState.create({
    doc: textarea.value,
    extensions: [
      keymap.of([{ key: "Mod-Enter", run }]),
      basicSetup,
      language,
      language.data.of({ autocomplete: complete }),
      EditorView.lineWrapping,
      // (the textarea keeps the text, for the form and for the reader's saved queries)
      EditorView.updateListener.of((update) => {
        if (update.docChanged) textarea.value = update.state.doc.toString();
      }),
      EditorView.contentAttributes.of({ "aria-label": t("SPARQL query") }),
    ],
  }),
});
textarea.hidden = true;
textarea.before(view.dom);
form.addEventListener("submit", () => { textarea.value = view.state.doc.toString(); });
