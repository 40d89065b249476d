// Expand every VEVENT of .ics files with Mozilla ical.js (the engine of Thunderbird), using only
// each file's own VTIMEZONE, and print the occurrences as JSON:
//   {"<file>": [{"uid", "date", "local", "zone", "utc"}, ...], ...}
// `local` is the occurrence's wall-clock start as written in its zone, `utc` its instant as
// ical.js computes it through that zone (null for all-day dates).
// Usage: node occurrences.mjs <path of ical.js's dist/ical.js> <until: YYYY-MM-DD> <limit> <file.ics>...
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [library, until, limit, ...files] = process.argv.slice(2);
const ICAL = (await import(pathToFileURL(library).href)).default;
const end = ICAL.Time.fromDateString(until);
const result = {};
for (const file of files) {
  ICAL.TimezoneService.reset();  // no zone but the file's own (reset() knows only UTC)
  const text = readFileSync(file, "utf8");
  for (const zone of new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(zone);
  }
  const calendar = new ICAL.Component(ICAL.parse(text));  // times now resolve their TZID
  const found = [];
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    const iterator = event.iterator();
    for (let count = 0, next; count < Number(limit) && (next = iterator.next()); count++) {
      if (next.compare(end) >= 0) break;
      const start = event.getOccurrenceDetails(next).startDate;
      found.push({
        uid: event.uid,
        date: start.isDate,
        local: start.toString(),
        zone: start.isDate ? null : start.zone.tzid,
        utc: start.isDate ? null : start.toJSDate().toISOString(),
      });
    }
  }
  result[file] = found;
}
process.stdout.write(JSON.stringify(result));
