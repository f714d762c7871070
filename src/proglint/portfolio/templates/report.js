// Sorting and filtering of the programs table; the page reads the same without it.
(function () {
  "use strict";
  var table = document.getElementById("programs-table");
  if (!table) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var status = document.getElementById("programs-status");
  function value(row, index, numeric) {
    var cell = row.cells[index];
    var text = cell.getAttribute("data-value") || cell.textContent.trim();
    return numeric ? Number(text) : text.toLowerCase();
  }
  heads.forEach(function (th, index) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.textContent = "";
    th.appendChild(button);
    button.addEventListener("click", function () {
      var numeric = th.getAttribute("data-type") === "number";
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      heads.forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      rows.sort(function (a, b) {
        var x = value(a, index, numeric), y = value(b, index, numeric);
        var order = x < y ? -1 : x > y ? 1 : 0;
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  var box = document.createElement("p");
  box.className = "filter";
  var label = document.createElement("label");
  label.textContent = "Filter programs: ";
  var input = document.createElement("input");
  input.type = "search";
  input.id = "programs-filter";
  input.placeholder = "id, title, type, cycle or path";
  label.appendChild(input);
  box.appendChild(label);
  table.parentNode.parentNode.insertBefore(box, table.parentNode);
  input.addEventListener("input", function () {
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase() + " " + (row.getAttribute("data-path") || "").toLowerCase();
      var keep = words.every(function (word) { return text.indexOf(word) >= 0; });
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    status.textContent = shown + " of " + rows.length + " programs shown";
  });
}());
