// Liaison's own autocomplete: an input with data-lookup gets a <datalist> filled, as the
// user types, from the JSON API of the same site. data-lookup is either a path ending in
// "q=" (organizations: [{id, name}]) or "taxa" (the value "scheme:code" is looked up in
// /api/taxa/SCHEME?prefix=CODE; without a scheme, in the SDGs). No library, no inline code.
"use strict";

(function () {
  const LIMIT = 12;
  const WAIT_MS = 180;

  function taxaAddress(value) {
    const colon = value.indexOf(":");
    const scheme = colon > 0 ? value.slice(0, colon).trim().toLowerCase() : "sdg";
    const code = colon > 0 ? value.slice(colon + 1) : value;
    if (!/^[a-z]+$/.test(scheme)) return null;
    return "/api/taxa/" + encodeURIComponent(scheme) + "?prefix=" + encodeURIComponent(code.trim());
  }

  function option(item) {
    const choice = document.createElement("option");
    choice.value = item.id;
    // Text, never markup: whatever a record holds is shown as it is.
    choice.textContent = item.name || item.label || item.text || item.id;
    return choice;
  }

  function attach(input, index) {
    const list = document.createElement("datalist");
    list.id = "lookup-" + index;
    input.after(list);
    input.setAttribute("list", list.id);
    let timer = null;
    let asked = "";

    async function lookUp() {
      const value = input.value.trim();
      if (value.length < 1 || value === asked) return;
      asked = value;
      const kind = input.dataset.lookup;
      const address = kind === "taxa" ? taxaAddress(value) : kind + encodeURIComponent(value);
      if (!address) return;
      let found = [];
      try {
        const answer = await fetch(address, { headers: { Accept: "application/json" } });
        if (!answer.ok) return;
        found = await answer.json();
      } catch (_) {
        return; // offline or signed out: the field still takes what is typed
      }
      if (input.value.trim() !== value || !Array.isArray(found)) return;
      list.replaceChildren(...found.slice(0, LIMIT).map(option));
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(lookUp, WAIT_MS);
    });
  }

  document.querySelectorAll("input[data-lookup]").forEach(attach);
})();
