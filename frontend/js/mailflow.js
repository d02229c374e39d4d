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
  // A textarea (the escalation note) is copied as it is, a transcript list line by line, anything
  // else (a test address, the words for the customer, a new token) as its text.
  var text = source.tagName === "TEXTAREA" ? source.value
    : (source.querySelector("li") ? null : source.textContent.trim());
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

// htmx swaps nothing for an error status, so say what happened instead of doing nothing. A plain-text
// answer (a limit's own message, e.g. on "Run again") is shown as it is.
document.addEventListener("htmx:responseError", function (event) {
  var notice = document.getElementById("notice");
  if (!notice) {
    return;
  }
  var xhr = event.detail.xhr;
  var type = xhr.getResponseHeader("Content-Type") || "";
  notice.textContent = xhr.status === 403
    ? "You are not allowed to do that: your role does not permit it (ask an administrator for the OPERATOR role)."
    : type.indexOf("text/plain") === 0 && xhr.responseText
      ? xhr.responseText
      : "The server answered " + xhr.status + "; please try again.";
  notice.hidden = false;
});

// After a refused submit, focus goes to the first field with an error (or the form's own message).
function focusFirstError() {
  var form = document.getElementById("probe-form");
  if (!form) {
    return;
  }
  var first = form.querySelector('[aria-invalid="true"]') || form.querySelector(".form-errors");
  if (!first) {
    return;
  }
  if (first.classList.contains("form-errors")) {
    first.setAttribute("tabindex", "-1");
  }
  first.focus();
}
document.addEventListener("DOMContentLoaded", focusFirstError);
document.addEventListener("htmx:afterSettle", function (event) {
  var request = event.detail.requestConfig;
  if (request && request.verb === "post") {
    focusFirstError();
  }
});

// The transcript follows new lines while the reader is at its end, and stops when they scroll up.
var following = new WeakMap();
function atEnd(box) {
  return box.scrollHeight - box.scrollTop - box.clientHeight < 24;
}
document.addEventListener("htmx:sseBeforeMessage", function (event) {
  var box = event.target;
  if (box.classList && box.classList.contains("transcript")) {
    following.set(box, atEnd(box));
  }
});
document.addEventListener("htmx:sseMessage", function (event) {
  var box = event.target;
  if (box.classList && box.classList.contains("transcript") && following.get(box) !== false) {
    box.scrollTop = box.scrollHeight;
  }
  // A run on the home page is over: its outcome joins the recent probes.
  if (event.detail && event.detail.type === "done" && document.getElementById("recent") && window.htmx) {
    window.htmx.ajax("GET", "/", { target: "#recent", swap: "outerHTML" });
  }
});

// The reader's place stays put: what arrives above the transcript while it is on screen (the verdict,
// the findings, the certificates at the end) scrolls the page by its own height, so the lines being
// read do not drop down the screen. A transcript off screen is left alone.
var readerPlace = null;
document.addEventListener("htmx:sseBeforeMessage", function (event) {
  var run = event.target.closest && event.target.closest(".run");
  var box = run && run.querySelector("ol.transcript");
  readerPlace = null;
  if (box) {
    var rect = box.getBoundingClientRect();
    if (rect.top < window.innerHeight && rect.bottom > 0) {
      readerPlace = { box: box, top: rect.top, verdictAbove: verdictAbove() };
    }
  }
});
document.addEventListener("htmx:sseMessage", function () {
  var place = readerPlace;
  readerPlace = null;
  if (place && place.box.isConnected) {
    var moved = place.box.getBoundingClientRect().top - place.top;
    if (Math.abs(moved) >= 1) {
      window.scrollBy(0, moved);
    }
    // Kept in place by this page or by the browser's own scroll anchoring (a page scrolled down).
    var link = document.querySelector(".verdict-ready");
    if (link && !place.verdictAbove && verdictAbove()) {
      link.hidden = false;
    }
  }
});
// The answer arrived above the screen: a link to it, until the verdict comes into view.
function verdictAbove() {
  var badge = document.querySelector("#verdict .badge.outcome");
  return badge !== null && badge.getBoundingClientRect().bottom <= 0;
}
window.addEventListener("scroll", function () {
  var link = document.querySelector(".verdict-ready");
  if (link && !link.hidden && !verdictAbove()) {
    link.hidden = true;
  }
}, { passive: true });
document.addEventListener("click", function (event) {
  if (event.target.classList && event.target.classList.contains("verdict-ready")) {
    event.target.hidden = true;
  }
});

// On a narrow screen the run comes below the form: bring its answer into view when it starts.
document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail.target;
  if (target && target.id === "run" && window.matchMedia("(max-width: 64rem)").matches) {
    target.scrollIntoView({ block: "start" });
  }
});

// Times are written in UTC by the server; each <time data-local> is shown in the viewer's own time
// zone, with the UTC time on hover.
function localTimes(root) {
  Array.prototype.forEach.call((root || document).querySelectorAll("time[data-local]"), function (time) {
    var at = new Date(time.getAttribute("datetime"));
    if (isNaN(at.getTime()) || time.hasAttribute("data-utc")) {
      return;
    }
    time.setAttribute("data-utc", time.textContent.trim());
    time.title = at.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
    time.textContent = at.toLocaleString(undefined, {
      year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit"
    });
  });
}
document.addEventListener("DOMContentLoaded", function () { localTimes(document); });
document.addEventListener("htmx:afterSettle", function (event) { localTimes(event.detail.elt); });

// The tab's title follows the run: its outcome once the verdict arrives (a run started with htmx
// never loads a page of its own).
function followTitle() {
  var badge = document.querySelector("#verdict .badge.outcome");
  var target = document.querySelector(".run-head .name");
  if (badge && target) {
    document.title = badge.textContent.trim() + ": " + target.textContent.trim() + " · mailflow";
  } else if (target && document.querySelector(".run")) {
    document.title = "Probe of " + target.textContent.trim() + " · mailflow";
  }
}
document.addEventListener("htmx:afterSettle", followTitle);
document.addEventListener("htmx:sseMessage", function (event) {
  followTitle();
  localTimes(event.target);
});

// On a phone the answer of /codes (a code looked up, a bounce explained) is below the form: bring its
// headline into view when the page opens with one.
document.addEventListener("DOMContentLoaded", function () {
  var answer = document.getElementById("explained-title");
  if (answer && window.matchMedia("(max-width: 40rem)").matches) {
    answer.scrollIntoView({ block: "start" });
  }
});
// The bounce explainer's paste box takes a dropped .eml or .msg file: it becomes the form's upload
// and the form is sent. A file over the limit is refused here, with the limit, before it is sent.
(function () {
  function explainForm() {
    return document.getElementById("explain-form");
  }
  function tooLarge(input, file) {
    var max = Number(input.getAttribute("data-max") || "0");
    if (max > 0 && file.size > max) {
      var error = document.getElementById("bounce-error") || document.createElement("p");
      error.id = "bounce-error";
      error.className = "error";
      error.setAttribute("role", "alert");
      error.textContent = "The file is larger than " + Math.floor(max / 1048576) + " MB; it cannot be read.";
      if (!error.parentNode) {
        input.closest("form").insertBefore(error, input.closest("form").querySelector("button[type=submit]"));
      }
      return true;
    }
    return false;
  }
  document.addEventListener("dragover", function (event) {
    if (event.target.id === "bounce" && event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
      event.preventDefault();
      event.target.classList.add("dropping");
    }
  });
  document.addEventListener("dragleave", function (event) {
    if (event.target.id === "bounce") {
      event.target.classList.remove("dropping");
    }
  });
  document.addEventListener("drop", function (event) {
    if (event.target.id !== "bounce" || !event.dataTransfer || event.dataTransfer.files.length === 0) {
      return;
    }
    event.preventDefault();
    event.target.classList.remove("dropping");
    var form = explainForm();
    var input = document.getElementById("bounce-file");
    if (!form || !input) {
      return;
    }
    var file = event.dataTransfer.files[0];
    if (tooLarge(input, file)) {
      return;
    }
    var files = new DataTransfer();
    files.items.add(file);
    input.files = files.files;
    event.target.value = "";
    form.submit();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "bounce-file" && event.target.files.length > 0 && tooLarge(event.target, event.target.files[0])) {
      event.target.value = "";
    }
  });
})();

// Times the server wrote in UTC (<time datetime=... data-local>) are shown in the viewer's own time too.
function showLocalTimes() {
  Array.prototype.forEach.call(document.querySelectorAll("time[data-local]"), function (time) {
    var at = new Date(time.getAttribute("datetime"));
    if (!isNaN(at.getTime())) {
      time.textContent = at.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }) + " (your time)";
    }
  });
}
document.addEventListener("DOMContentLoaded", showLocalTimes);
