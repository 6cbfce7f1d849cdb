// briefdeck never lets Puppeteer download a browser of its own: it uses a configured
// path (BRIEFDECK_CHROME / PUPPETEER_EXECUTABLE_PATH) or the system's Chromium.
module.exports = { skipDownload: true };
