// Puppeteer's types and errors for the stages that drive a page the gateway gave them: only
// browser/ imports Puppeteer itself (tests/architecture-rules.ts).
export { TimeoutError } from 'puppeteer-core';
export type { Page } from 'puppeteer-core';
