// The partner network page: hovering or focusing an organization highlights it and its
// neighbours; the search box highlights the organizations whose name matches. Without this
// script the picture and the table below it still link every organization to its page.
"use strict";

(function () {
  const svg = document.getElementById("network");
  if (!svg) {
    return;
  }
  const nodes = Array.from(svg.querySelectorAll("a.node"));
  const edges = Array.from(svg.querySelectorAll("line.edge"));
  const neighbours = new Map(nodes.map((node) => [node.dataset.id, new Set()]));
  const byId = new Map(nodes.map((node) => [node.dataset.id, node]));
  for (const edge of edges) {
    neighbours.get(edge.dataset.source).add(edge.dataset.target);
    neighbours.get(edge.dataset.target).add(edge.dataset.source);
  }

  function clear() {
    svg.classList.remove("highlighting");
    for (const element of svg.querySelectorAll(".near, .centre")) {
      element.classList.remove("near", "centre");
    }
  }

  function highlight(id) {
    clear();
    svg.classList.add("highlighting");
    byId.get(id).classList.add("centre");
    for (const other of neighbours.get(id)) {
      byId.get(other).classList.add("near");
    }
    for (const edge of edges) {
      if (edge.dataset.source === id || edge.dataset.target === id) {
        edge.classList.add("near");
      }
    }
  }

  for (const node of nodes) {
    node.addEventListener("mouseenter", () => highlight(node.dataset.id));
    node.addEventListener("focus", () => highlight(node.dataset.id));
    node.addEventListener("mouseleave", clear);
    node.addEventListener("blur", clear);
  }

  const filter = document.getElementById("network-filter");
  if (!filter) {
    return;
  }
  filter.hidden = false;
  filter.addEventListener("input", () => {
    const words = filter.value.trim().toLowerCase();
    svg.classList.toggle("filtering", words !== "");
    for (const node of nodes) {
      const name = node.dataset.name.toLowerCase();
      node.classList.toggle("match", words !== "" && name.includes(words));
    }
  });
  filter.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") {
      return;
    }
    event.preventDefault(); // the box filters the picture; it does not send the form
    const matches = nodes.filter((node) => node.classList.contains("match"));
    if (matches.length === 1) {
      matches[0].focus();
    }
  });
})();
