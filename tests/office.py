#!/usr/bin/env python3
"""Prints documents to PDF with one LibreOffice kept running for the whole test run.

    office.py <home> <outdir> <file>...

LibreOffice takes five of the six seconds of `soffice --headless --convert-to pdf` to start;
the tests convert a dozen PowerPoint files. The first call starts a headless LibreOffice with its
profile in <home> (the run's folder, made by tests/global-setup.ts, which also ends it), listening
on a pipe; every call loads its files there through UNO, hidden, and stores each as <outdir>/<name>.pdf
with the PDF export of its kind (impress_pdf_Export for a presentation, as --convert-to pdf picks).
Calls from the test workers take turns (a lock in <home>). A file LibreOffice cannot open is an
error naming it, exit 1.
"""
import fcntl
import hashlib
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

FILTERS = [
    ('com.sun.star.presentation.PresentationDocument', 'impress_pdf_Export'),
    ('com.sun.star.drawing.DrawingDocument', 'draw_pdf_Export'),
    ('com.sun.star.sheet.SpreadsheetDocument', 'calc_pdf_Export'),
    ('com.sun.star.text.TextDocument', 'writer_pdf_Export'),
]


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe, seconds):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext('com.sun.star.bridge.UnoUrlResolver', local)
    deadline = time.monotonic() + seconds
    while True:
        try:
            return resolver.resolve(f'uno:pipe,name={pipe};urp;StarOffice.ComponentContext')
        except NoConnectException:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def office(home):
    pipe = 'briefdeck-test-' + hashlib.sha256(home.encode()).hexdigest()[:16]
    try:
        return connect(pipe, 0)
    except NoConnectException:
        # Its temporary files (lu*.tmp) go into the run's folder, removed with it: ended by the
        # teardown, LibreOffice leaves them behind.
        tmp = os.path.join(home, 'tmp')
        os.makedirs(tmp, exist_ok=True)
        subprocess.Popen(
            ['soffice', f'-env:UserInstallation={uno.systemPathToFileUrl(os.path.join(home, "profile"))}', '--headless', '--invisible',
             '--norestore', '--nologo', '--nodefault', f'--accept=pipe,name={pipe};urp;StarOffice.ComponentContext'],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            env={**os.environ, 'TMPDIR': tmp, 'TMP': tmp, 'TEMP': tmp})
        return connect(pipe, 120)


def main():
    home, outdir, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(os.path.join(home, 'lock'), 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        context = office(home)
        desktop = context.ServiceManager.createInstanceWithContext('com.sun.star.frame.Desktop', context)
        for file in files:
            url = uno.systemPathToFileUrl(os.path.abspath(file))
            doc = desktop.loadComponentFromURL(url, '_blank', 0, (prop('Hidden', True),))
            if doc is None:
                sys.exit(f'LibreOffice could not open {file}')
            try:
                name = next((f for kind, f in FILTERS if doc.supportsService(kind)), None)
                if name is None:
                    sys.exit(f'LibreOffice opened {file} as a kind of document it has no PDF export for')
                out = os.path.join(os.path.abspath(outdir), os.path.splitext(os.path.basename(file))[0] + '.pdf')
                doc.storeToURL(uno.systemPathToFileUrl(out), (prop('FilterName', name),))
            finally:
                doc.close(True)


if __name__ == '__main__':
    main()
