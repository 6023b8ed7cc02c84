// Lighthouse with its default settings (mobile) on several pages, in one process and one
// Chromium: Debian's, from CHROME_PATH, never a downloaded one. Prints one JSON object:
// {url: {categories: {id: score}, errors: {auditId: message}, failed: {auditId: title},
//        errorWeight: the weight the errored audits have in any category (0: none counts)}}.
// Usage: node lighthouse-pages.mjs URL...
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH, chromeFlags: FLAGS,
});
const results = {};
try {
  for (const url of process.argv.slice(2)) {
    const {lhr} = await lighthouse(url, {port: chrome.port, logLevel: 'error', output: 'json'});
    const audits = Object.values(lhr.audits);
    const errored = new Set(audits.filter(a => a.scoreDisplayMode === 'error').map(a => a.id));
    results[url] = {
      runtimeError: lhr.runtimeError ? lhr.runtimeError.message : null,
      categories: Object.fromEntries(
        Object.entries(lhr.categories).map(([id, category]) => [id, category.score])),
      errors: Object.fromEntries(audits.filter(a => errored.has(a.id))
        .map(a => [a.id, a.errorMessage || ''])),
      errorWeight: Object.values(lhr.categories).flatMap(c => c.auditRefs)
        .filter(ref => errored.has(ref.id)).reduce((sum, ref) => sum + ref.weight, 0),
      failed: Object.fromEntries(audits
        .filter(a => a.score !== null && a.score < 1 &&
          ['binary', 'numeric', 'metricSavings'].includes(a.scoreDisplayMode))
        .map(a => [a.id, `${a.title}: ${a.displayValue || ''} ${a.explanation || ''}`.trim()])),
    };
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(results, null, 1) + '\n');
