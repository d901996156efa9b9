// What the app does in the browser that no Streamlit call does (components/ui/shell.py mounts it on every run).
// Trusted, static code: the data it gets are the app's own settings and translations, written as text, never as HTML.

const KEYS = { PageDown: 1, ArrowRight: 1, PageUp: -1, ArrowLeft: -1 };
// Keys typed into a control belong to it: a clicker's PageDown must not move a slider or a text cursor.
const OWN_KEYS = 'input, textarea, select, [contenteditable="true"], [role="slider"], [role="listbox"], [role="combobox"], [role="menu"], [role="tablist"], [role="radiogroup"], [role="dialog"]';
const PHONE = '(max-width: 640px)';

// Streamlit calls the component's function again on every run with new data, and the returned cleanup only when the
// component goes away: each call undoes the one before itself, or timers and listeners would pile up.
const running = new WeakMap();
// The countdown of one page's showing (data.showing) asks for the next page once: the run it starts draws the shell again
// before it switches, with no time left, and must not ask a second time.
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

    // Where the main chart starts, for the style that gives it the rest of the screen (components/ui/presentation.py).
    // Polled: what is above it (headlines, a filter) changes with every run and every resize.
    const place = () => {
      const chart = document.querySelector('[class*="st-key-main_chart"]');
      if (!chart) return;
      const main = document.querySelector('[data-testid="stMain"]');
      const top = chart.getBoundingClientRect().top + (main ? main.scrollTop : 0);
      document.documentElement.style.setProperty('--heze-main-top', `${Math.round(top)}px`);
    };
    place();
    const placing = setInterval(place, 250);
    cleanups.push(() => clearInterval(placing));
  }

  const line = parentElement.querySelector('.countdown');
  if (line && data.remaining !== null) {
    if (data.paused) {
      line.textContent = data.pausedText;
    } else {
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
  } else if (line) {
    line.textContent = '';
  }

  // On a phone the navigation is a drawer over the page: close it once a page is chosen, as phone apps do.
  const onNavClick = (event) => {
    if (!window.matchMedia(PHONE).matches) return;
    if (!(event.target instanceof Element) || !event.target.closest('[data-testid="stSidebarNav"] a')) return;
    const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (close) setTimeout(() => close.click(), 50);
  };
  document.addEventListener('click', onNavClick, true);
  cleanups.push(() => document.removeEventListener('click', onNavClick, true));

  const cleanup = () => {
    cleanups.forEach((undo) => undo());
    running.delete(parentElement);
  };
  running.set(parentElement, cleanup);
  return cleanup;
}
