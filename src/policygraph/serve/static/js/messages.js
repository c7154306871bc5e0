// The words the scripts write, in the page's language: base.html embeds them as JSON.
const element = document.getElementById("messages");
const messages = element ? JSON.parse(element.textContent) : {};

export function t(key) {
  return messages[key] ?? key;
}
