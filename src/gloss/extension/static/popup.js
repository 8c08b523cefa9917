/* The per-site switch: asks the page's content script for its host, keeps the hosts switched off. */
"use strict";
(function () {
  var box = document.getElementById("on");
  var status = document.getElementById("status");
  var hostLabel = document.getElementById("host");
  var host = null;

  function activeTab(callback) {
    chrome.tabs.query({ active: true, lastFocusedWindow: true }, function (tabs) { callback(tabs[0]); });
  }

  function refresh() {
    activeTab(function (tab) {
      if (!tab) return;
      chrome.tabs.sendMessage(tab.id, { site: true }, function (answer) {
        if (chrome.runtime.lastError || !answer) {
          box.disabled = true;
          status.textContent = "gloss does not run on this page.";
          return;
        }
        host = answer.host;
        hostLabel.textContent = host || "local files";
        chrome.storage.local.get({ off: [] }, function (items) {
          box.disabled = false;
          box.checked = items.off.indexOf(host) === -1;
          status.textContent = answer.on ? answer.terms + " terms underlined on this page." : "Switched off on this site.";
        });
      });
    });
  }

  box.addEventListener("change", function () {
    if (host === null) return;
    chrome.storage.local.get({ off: [] }, function (items) {
      var off = items.off.filter(function (h) { return h !== host; });
      if (!box.checked) off.push(host);
      chrome.storage.local.set({ off: off }, function () { setTimeout(refresh, 600); });
    });
  });
  refresh();
})();
