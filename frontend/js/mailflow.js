// Copy a transcript or a textarea to the clipboard: <button data-copy="element-id">. No inline scripts (CSP).
document.addEventListener("click", function (event) {
  var button = event.target.closest("button[data-copy]");
  if (!button) {
    return;
  }
  var source = document.getElementById(button.getAttribute("data-copy"));
  if (!source || !navigator.clipboard) {
    return;
  }
  // A textarea (the escalation note) is copied as it is; a transcript list line by line.
  var text = source.tagName === "TEXTAREA" ? source.value : null;
  var lines = text !== null ? [text] : Array.prototype.map.call(source.querySelectorAll("li"), function (li) {
    var parts = Array.prototype.map.call(li.querySelectorAll(".at, .dir, .text, .took"), function (part) {
      return part.textContent.trim();
    });
    return parts.join(" ");
  });
  navigator.clipboard.writeText(lines.join("\n")).then(function () {
    var label = button.textContent;
    button.textContent = "Copied";
    window.setTimeout(function () { button.textContent = label; }, 1500);
  });
});

// Every htmx request carries the CSRF token from the page's meta tags (Spring Security checks it on
// POST); the form's hidden field covers plain posts without JavaScript.
document.addEventListener("htmx:configRequest", function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.getAttribute("content")] = token.getAttribute("content");
  }
});

// htmx swaps nothing for an error status, so say what happened instead of doing nothing.
document.addEventListener("htmx:responseError", function (event) {
  var notice = document.getElementById("notice");
  if (!notice) {
    return;
  }
  var status = event.detail.xhr.status;
  notice.textContent = status === 403
    ? "You are not allowed to do that: your role does not permit it (ask an administrator for the OPERATOR role)."
    : "The server answered " + status + "; please try again.";
  notice.hidden = false;
});
