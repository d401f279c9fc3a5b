// The admin UI's only script besides htmx: a file, since the Content-Security-Policy allows no inline script.
// A form with data-confirm asks before it is sent (disconnecting a CRM, say).
document.addEventListener('submit', function (event) {
  var form = event.target;
  var question = form && form.getAttribute ? form.getAttribute('data-confirm') : null;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
}, true);

// A 422 answer to an htmx form is the form again with each field's reason beside it: show it. (htmx leaves 4xx
// answers unswapped by default, so a refused save looked like a button that did nothing.)
document.addEventListener('htmx:beforeSwap', function (event) {
  if (event.detail.xhr && event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// Times in the admin's own time zone: the server writes <time datetime="2026-12-04T09:15:00Z">…UTC</time> and the
// browser, which knows its zone, rewrites the text (the full instant stays in the title). Again after htmx swaps in
// new content, and only once per element.
function leadsyncLocalTimes(root) {
  var times = (root || document).querySelectorAll('time[datetime]:not([data-local])');
  for (var i = 0; i < times.length; i++) {
    var at = new Date(times[i].getAttribute('datetime'));
    if (isNaN(at.getTime())) {
      continue;
    }
    times[i].setAttribute('title', times[i].textContent);
    times[i].textContent = at.toLocaleString(undefined, {
      year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
      timeZoneName: 'short'
    });
    times[i].setAttribute('data-local', 'true');
  }
}
document.addEventListener('DOMContentLoaded', function () { leadsyncLocalTimes(document); });
document.addEventListener('htmx:afterSwap', function (event) { leadsyncLocalTimes(event.target); });
