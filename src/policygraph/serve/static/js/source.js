// A task's or target's page: scroll the document text so that the marked source is in view.
const box = document.getElementById("document-text");
const mark = document.getElementById("span");
if (box && mark) {
  box.scrollTop = mark.offsetTop - box.offsetTop - box.clientHeight / 3;
}
