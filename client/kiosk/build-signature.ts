/** What index.html loads up front: its scripts, stylesheets and module preloads. */
const SHELL_FILES = 'script[src], link[rel="stylesheet"][href], link[rel="modulepreload"][href]';

/**
 * The files a build's index.html names, in page order. Their names carry a hash of their
 * content, so two builds differ exactly when these differ. Pure: give it a parsed page.
 */
export function shellFiles(page: ParentNode): string[] {
  return [...page.querySelectorAll(SHELL_FILES)].map((el) => el.getAttribute('src') ?? el.getAttribute('href') ?? '');
}

/** One string per build: equal for the same build, different for another. */
export function buildSignature(page: ParentNode): string {
  return [...shellFiles(page)].sort().join('\n');
}

/**
 * The running build's signature, taken when this module is first loaded: later the page
 * adds preload and stylesheet links of its own for the chunks it loads lazily (a service
 * page, say), which are not in index.html and would make every check look like a new build.
 */
export const RUNNING_BUILD = typeof document === 'undefined' ? '' : buildSignature(document);
