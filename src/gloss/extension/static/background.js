/* Opens an entry page of the glossary that ships inside the extension, when a popup asks for it. */
"use strict";
chrome.runtime.onMessage.addListener(function (message) {
  if (message && typeof message.open === "string" && /^[a-z0-9-]+$/.test(message.open)) {
    chrome.tabs.create({ url: chrome.runtime.getURL("site/entry/" + message.open + ".html") });
  }
});
