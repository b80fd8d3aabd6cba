/* A video on YouTube or Vimeo, shown as its poster and a link to the video's own page until
   a visitor presses play: only then is the host's player (its privacy-friendly address, from
   the element's data-embed) made and loaded, so nothing is asked of the other host before.
   The frame is built with DOM calls; the work's title reaches it as an attribute value. */
(function () {
  "use strict";
  var players = document.querySelectorAll("[data-player]");
  Array.prototype.forEach.call(players, function (player) {
    var start = player.querySelector("[data-player-start]");
    var address = player.getAttribute("data-embed") || "";
    if (!start || !/^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)\//.test(address)) return;
    // With the script, the link plays the video here: a button, pressed by Space as well.
    start.setAttribute("role", "button");
    start.addEventListener("keydown", function (event) {
      if (event.key === " " || event.key === "Spacebar") { event.preventDefault(); play(); }
    });
    start.addEventListener("click", function (event) {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      play();
    });
    function play() {
      if (!start.parentNode) return;
      var frame = document.createElement("iframe");
      frame.className = "player__frame";
      frame.setAttribute("src", address);
      frame.setAttribute("title", player.getAttribute("data-player-title") || "Video");
      frame.setAttribute("allow", "autoplay; fullscreen; picture-in-picture; encrypted-media");
      frame.setAttribute("allowfullscreen", "");
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      player.replaceChild(frame, start);
      player.classList.add("is-playing");
      frame.focus();
    }
  });
})();
