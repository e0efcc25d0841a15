// The Copy button of each embed-code box: the clipboard API where allowed, else the text is
// selected and the browser's copy command tried. Without JavaScript the button stays hidden
// and the code can be selected by hand.

export function initEmbedCode(root: ParentNode = document): void {
  for (const box of root.querySelectorAll<HTMLElement>('[data-embed-code]:not([data-ready])')) {
    box.dataset.ready = '';
    const text = box.querySelector<HTMLTextAreaElement>('[data-embed-snippet]');
    const button = box.querySelector<HTMLButtonElement>('[data-copy]');
    const status = box.querySelector<HTMLElement>('[data-copy-status]');
    if (!text || !button) continue;
    button.hidden = false;
    const say = (s: string) => {
      if (status) status.textContent = s;
    };
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(text.value);
        say('Copied.');
      } catch {
        text.focus();
        text.select();
        let ok: boolean;
        try {
          ok = document.execCommand('copy');
        } catch {
          ok = false;
        }
        say(ok ? 'Copied.' : 'Selected: press Ctrl+C (⌘C) to copy.');
      }
    });
    text.addEventListener('focus', () => text.select());
  }
}
