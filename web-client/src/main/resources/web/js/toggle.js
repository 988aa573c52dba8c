// Toggle buttons: aria-pressed="true" means the device is on.

/** @param {{on: string, off: string, available: boolean}} labels */
export function setToggle(button, on, { on: onLabel, off: offLabel, available }) {
  button.disabled = !available;
  button.setAttribute('aria-pressed', String(on && available));
  button.textContent = on && available ? onLabel : offLabel;
}
