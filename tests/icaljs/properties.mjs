// Print the properties of .ics files as Mozilla ical.js decodes them (TEXT unescaped), as JSON:
//   {"<file>": [{"component": "vcalendar", "name": "name", "values": [...]}, ...], ...}
// ical.js does not know RFC 7986's NAME nor the X-WR- names: it is told their value type, TEXT
// (RFC 7986 §5.1, §5.2; RFC 5545 §3.8.8.2: TEXT is an x-name's default), as a client reads them.
// Usage: node properties.mjs <path of ical.js's dist/ical.js> <file.ics>...
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [library, ...files] = process.argv.slice(2);
const ICAL = (await import(pathToFileURL(library).href)).default;
for (const name of ["name", "x-wr-calname", "x-wr-caldesc", "x-wr-timezone"]) {
  ICAL.design.icalendar.property[name] = {defaultType: "text"};
}
const result = {};
for (const file of files) {
  const found = [];
  const walk = (component) => {
    for (const property of component.getAllProperties()) {
      found.push({component: component.name, name: property.name,
                  values: property.getValues().map(String)});
    }
    component.getAllSubcomponents().forEach(walk);
  };
  walk(new ICAL.Component(ICAL.parse(readFileSync(file, "utf8"))));
  result[file] = found;
}
process.stdout.write(JSON.stringify(result));
