// The query page's editor: CodeMirror over the form's textarea, SPARQL highlighting,
// completion of the project's prefixes and of the ontology's terms, Ctrl-Enter to run.
import {
  basicSetup, EditorState, EditorView, keymap, sparql, StreamLanguage,
} from "/static/vendor/codemirror.js";
import { t } from "./messages.js";

const form = document.getElementById("query-form");
const textarea = form.querySelector("textarea");
const { prefixes, terms } = JSON.parse(document.getElementById("completions").textContent);
const language = StreamLanguage.define(sparql);

// "pg:Ta" completes terms of pg:; "dcte" completes prefixes; after PREFIX, a whole declaration.
function complete(context) {
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
      EditorView.contentAttributes.of({ "aria-label": t("SPARQL query") }),
    ],
  }),
});
textarea.hidden = true;
textarea.before(view.dom);
form.addEventListener("submit", () => { textarea.value = view.state.doc.toString(); });
