/** `npm run demo`: just the demo staging site, for browsing it with an extension loaded by hand. */
import { HOST_RESOLVER_RULES, startDemoSite } from './server.ts';

const site = await startDemoSite({
  httpPort: Number(process.env.DEMO_HTTP_PORT ?? 8080),
  httpsPort: Number(process.env.DEMO_HTTPS_PORT ?? 8443),
});
console.log(
  `Demo staging site on http://localhost:${site.httpPort}/ and https://localhost:${site.httpsPort}/`,
);
console.log(
  `Its sites use *.staging.test names: start Chromium with --host-resolver-rules="${HOST_RESOLVER_RULES}"`,
);
for (const [name, url] of Object.entries(site.urls)) console.log(`  ${name.padEnd(16)} ${url}`);
