// Dark mode follows the OS until the reader picks one; the choice is remembered.
export function initThemeToggle(): void {
  const button = document.querySelector<HTMLButtonElement>('[data-theme-toggle]');
  if (!button) return;
  const root = document.documentElement;
  const os = window.matchMedia('(prefers-color-scheme: dark)');
  const current = () => (root.dataset.theme ?? (os.matches ? 'dark' : 'light')) as 'light' | 'dark';
  const render = () => {
    const dark = current() === 'dark';
    button.setAttribute('aria-pressed', String(dark));
    button.textContent = 'Dark mode';
    button.title = dark ? 'Switch to light mode' : 'Switch to dark mode';
  };
  button.hidden = false;
  render();
  button.addEventListener('click', () => {
    const next = current() === 'dark' ? 'light' : 'dark';
    root.dataset.theme = next;
    try {
      localStorage.setItem('theme', next);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    render();
  });
  os.addEventListener('change', render);
}
