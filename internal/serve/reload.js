// roll serve: reload the page when the sites have been rebuilt.
// The server adds this script to the HTML it serves, never to the files it
// builds. data-build is the id of the build the page comes from; the event
// stream tells the id of the current build on connecting ("hello") and
// after each build ("reload"). When they differ the page is stale.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me ? me.getAttribute("data-build") : "";
  if (!window.EventSource) {
    return;
  }
  var events = new EventSource("/_roll/events");
  function check(e) {
    if (e.data !== build) {
      events.close();
      location.reload();
    }
  }
  events.addEventListener("hello", check);
  events.addEventListener("reload", check);
})();
