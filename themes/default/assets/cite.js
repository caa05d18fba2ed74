// Progressive enhancement: a Copy button beside each citation. Without JavaScript the citation is
// still there to select, and the download links still work.
(function () {
  "use strict";
  var blocks = document.querySelectorAll("pre[data-copy]");
  Array.prototype.forEach.call(blocks, function (pre) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = "Copy BibTeX";
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    function say(text) {
      button.textContent = text;
      status.textContent = text;
      window.setTimeout(function () { button.textContent = "Copy BibTeX"; status.textContent = ""; }, 2000);
    }
    button.addEventListener("click", function () {
      var text = pre.textContent;
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(function () { say("Copied"); }, function () { select(pre); say(howToCopy()); });
      } else {
        select(pre);
        say(howToCopy());
      }
    });
    pre.parentNode.insertBefore(button, pre);
    pre.parentNode.insertBefore(status, pre);
  });
  // Where the page may not write the clipboard, the citation is selected and the reader copies it: with the keys of
  // their computer, or on a touch screen with the Copy the selection offers (a phone has no Ctrl key).
  function howToCopy() {
    if (window.matchMedia && window.matchMedia("(pointer: coarse)").matches) return "Selected: tap Copy";
    var platform = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || "";
    return /mac|iphone|ipad/i.test(platform) ? "Selected: press \u2318C to copy" : "Selected: press Ctrl+C to copy";
  }
  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
})();
