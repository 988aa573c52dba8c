// Pins the tile of participant arguments[0] at the top-left corner of the viewport with width arguments[1] CSS
// pixels (16:9), or at arguments[2] pixels below the viewport when arguments[1] is 0 ("scrolled out of view");
// arguments[1] null restores the grid layout. Returns Date.now() at the change.
const tile = document.querySelector('#tiles [data-participant-id="' + arguments[0] + '"]');
if (!tile) return -1;
if (arguments[1] === null) {
  tile.removeAttribute('style');
} else if (arguments[1] === 0) {
  tile.setAttribute('style', 'position: fixed; left: 0; top: ' + (window.innerHeight + arguments[2]) + 'px;'
    + ' width: 320px; z-index: 10;');
} else {
  tile.setAttribute('style', 'position: fixed; left: 0; top: 0; width: ' + arguments[1] + 'px; z-index: 10;');
}
return Date.now();
