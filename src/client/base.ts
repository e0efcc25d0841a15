// Every page but embeds: the dark-mode toggle.
import { initThemeToggle } from './theme-toggle.ts';

initThemeToggle();
