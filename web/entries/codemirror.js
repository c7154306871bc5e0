// The editor of the query page: CodeMirror 6 with the SPARQL mode and completion.
export { basicSetup } from "codemirror";
export { EditorState } from "@codemirror/state";
export { EditorView, keymap } from "@codemirror/view";
export { StreamLanguage } from "@codemirror/language";
export { sparql } from "@codemirror/legacy-modes/mode/sparql";
