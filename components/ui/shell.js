// What the app does in the browser that no Streamlit call does (components/ui/shell.py mounts it on every run): the
// page's language on <html lang>, a presenter's keys (a clicker's PageDown/PageUp, the arrow keys) and the rotation's
// countdown. Trusted, static code: its data are the app's own settings and translations, written as text, never HTML.

const KEYS = { PageDown: 1, ArrowRight: 1, PageUp: -1, ArrowLeft: -1 };
// Keys typed into a control belong to it: a clicker's PageDown must not move a slider or a text cursor.
const OWN_KEYS = 'input, textarea, select, [contenteditable="true"], [role="slider"], [role="listbox"], [role="combobox"], [role="menu"], [role="tablist"], [role="radiogroup"], [role="dialog"]';

// Streamlit calls this again on every run with new data, and the cleanup it returns only when the component goes
// away: each call undoes the one before, or listeners would pile up.
const running = new WeakMap();
// One showing of a page (data.showing) asks for the next page once, however often it is drawn again meanwhile.
let askedFor = null;

export default function ({ data, parentElement, setTriggerValue }) {
  running.get(parentElement)?.();
  document.documentElement.lang = data.htmlLang;
  const cleanups = [];

  if (data.presenting) {
    const onKey = (event) => {
      const step = KEYS[event.key];
      if (!step || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (event.target instanceof Element && event.target.closest(OWN_KEYS)) return;
      event.preventDefault();
      setTriggerValue('step', step);
    };
    document.addEventListener('keydown', onKey);
    cleanups.push(() => document.removeEventListener('keydown', onKey));
  }

  // The countdown: one timer that writes its own line and, at zero, asks for the next page.
  const line = parentElement.querySelector('.countdown');
  line.textContent = '';
  if (data.remaining !== null && data.paused) {
    line.textContent = data.pausedText;
  } else if (data.remaining !== null) {
    const due = Date.now() + data.remaining * 1000;
    const tick = () => {
      const left = Math.max(0, Math.ceil((due - Date.now()) / 1000));
      line.textContent = data.countdownText.replace('{seconds}', String(left));
      if (left === 0 && askedFor !== data.showing) {
        askedFor = data.showing;
        setTriggerValue('step', 1);
      }
    };
    tick();
    const timer = setInterval(tick, 1000);
    cleanups.push(() => clearInterval(timer));
  }

  const cleanup = () => {
    cleanups.forEach((undo) => undo());
    running.delete(parentElement);
  };
  running.set(parentElement, cleanup);
  return cleanup;
}
