// Sets window.__tileRemovedAt (Date.now()) at the moment the tile of participant arguments[0] leaves #tiles.
const selector = '[data-participant-id="' + CSS.escape(arguments[0]) + '"]';
window.__tileRemovedAt = null;
const tiles = document.getElementById('tiles');
const check = () => {
  if (window.__tileRemovedAt === null && !tiles.querySelector(selector)) {
    window.__tileRemovedAt = Date.now();
    observer.disconnect();
  }
};
const observer = new MutationObserver(check);
observer.observe(tiles, {childList: true, subtree: true});
check();
return window.__tileRemovedAt === null;
