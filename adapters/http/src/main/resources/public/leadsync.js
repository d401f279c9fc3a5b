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
// The whole document: an out-of-band swap (the status card beside a sync result) brings its own <time>s.
document.addEventListener('htmx:afterSettle', function () { leadsyncLocalTimes(document); });

// "Sync now" takes as long as the CRM does: while its request is out, the form's data-progress URL is read about once
// a second into its data-progress-target, so the admin watches the counts move. The panel empties when the request
// ends (the result carries the final counts), and a progress answer arriving after that is not shown.
document.addEventListener('htmx:beforeRequest', function (event) {
  var form = event.detail.elt;
  var url = form && form.getAttribute ? form.getAttribute('data-progress') : null;
  var live = url ? document.querySelector(form.getAttribute('data-progress-target')) : null;
  if (!live || form.leadsyncPoll) {
    return;
  }
  live.leadsyncPolling = true;
  var read = function () {
    if (live.leadsyncPolling && !live.leadsyncReading) {
      live.leadsyncReading = true;
      htmx.ajax('GET', url, {target: live, swap: 'innerHTML'}).then(function () {
        live.leadsyncReading = false;
      }, function () {
        live.leadsyncReading = false;
      });
    }
  };
  form.leadsyncPoll = window.setInterval(read, 1000);
  window.setTimeout(read, 300);
});
document.addEventListener('htmx:afterRequest', function (event) {
  var form = event.detail.elt;
  if (form && form.leadsyncPoll) {
    window.clearInterval(form.leadsyncPoll);
    form.leadsyncPoll = null;
    var live = document.querySelector(form.getAttribute('data-progress-target'));
    if (live) {
      live.leadsyncPolling = false;
      live.innerHTML = '';
    }
  }
});
document.addEventListener('htmx:beforeSwap', function (event) {
  var target = event.detail.target;
  if (target && target.hasAttribute && target.hasAttribute('data-live') && !target.leadsyncPolling) {
    event.detail.shouldSwap = false;
  }
});

// The Overview's hours in the admin's zone: each hourly label and bar carries its instant (data-hour) and the UTC text
// it was drawn with (data-hour-label); the zone note says which zone the hours are now in. Days stay UTC days.
function leadsyncLocalHours(root) {
  var hours = (root || document).querySelectorAll('[data-hour]:not([data-local])');
  for (var i = 0; i < hours.length; i++) {
    var at = new Date(hours[i].getAttribute('data-hour'));
    if (isNaN(at.getTime())) {
      continue;
    }
    if (hours[i].tagName.toLowerCase() === 'text') {
      hours[i].textContent = at.toLocaleTimeString(undefined, {hour: '2-digit', minute: '2-digit', hourCycle: 'h23'});
    } else {
      var title = hours[i].querySelector('title');
      var utc = hours[i].getAttribute('data-hour-label');
      if (title && utc) {
        title.textContent = title.textContent.replace(utc, at.toLocaleString(undefined, {month: 'short',
          day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short'}));
      }
    }
    hours[i].setAttribute('data-local', 'true');
  }
  var zones = (root || document).querySelectorAll('[data-zone="hours"]:not([data-local])');
  for (var z = 0; z < zones.length; z++) {
    var name = new Intl.DateTimeFormat(undefined, {timeZoneName: 'short'}).formatToParts(new Date())
      .filter(function (part) { return part.type === 'timeZoneName'; });
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    var short = name.length ? name[0].value : '';
    // "Asia/Tokyo GMT+9", but "UTC" once where the zone and its short name are the same.
    zones[z].textContent = 'your time, ' + [zone, short].filter(function (part, at, all) {
      return part && all.indexOf(part) === at;
    }).join(' ');
    zones[z].setAttribute('data-local', 'true');
  }
}
document.addEventListener('DOMContentLoaded', function () { leadsyncLocalHours(document); });
