// Every XML part of a PowerPoint file opened by a real, conforming XML parser: expat (through
// Python's standard library), which refuses what XML 1.0 forbids — a control character, a
// noncharacter, an unclosed element — as PowerPoint and LibreOffice do. (No parser in
// node_modules checks characters: @xmldom/xmldom and linkedom read such a part without a word.)
import { execFileSync } from 'node:child_process';
import { PYTHON } from './python.ts';

const SCRIPT = `
import json, sys, zipfile
import xml.parsers.expat
problems, parts = [], 0
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in z.namelist():
        if not (name.endswith('.xml') or name.endswith('.rels')):
            continue
        parts += 1
        try:
            xml.parsers.expat.ParserCreate().Parse(z.read(name), True)
        except xml.parsers.expat.ExpatError as e:
            problems.append(name + ': ' + str(e))
print(json.dumps({'parts': parts, 'problems': problems}))
`;

/** The parts of a .pptx an XML parser refuses, with its reason, and how many parts it read. */
export function xmlProblems(pptx: string): { parts: number; problems: string[] } {
  return JSON.parse(execFileSync(PYTHON, ['-c', SCRIPT, pptx], { encoding: 'utf8' })) as { parts: number; problems: string[] };
}
