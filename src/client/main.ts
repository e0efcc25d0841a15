// The page's only script: small enhancers over server-rendered HTML. Each finds its own
// elements and does nothing where they are absent.
import { initCalculators } from './calculator.ts';
import { initLazyPanels } from './lazy-panels.ts';
import { initLazySvgs } from './lazy-svg.ts';
import { initMethodControls } from './method-control.ts';
import { initScrolly } from './scrolly.ts';
import { initTooltips } from './tooltips.ts';

initTooltips(document);
initLazySvgs();
initLazyPanels();
initScrolly();
initMethodControls();
initCalculators();
