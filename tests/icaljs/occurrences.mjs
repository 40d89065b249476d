// Expand every VEVENT of .ics files with Mozilla ical.js (the engine of Thunderbird), using only
// each file's own VTIMEZONE, and print the occurrences as JSON:
//   {"<file>": [{"uid", "date", "local", "zone", "utc", "end_local", "end_utc"}, ...], ...}
// `local` is the occurrence's wall-clock start as written in its zone, `utc` its instant as
// ical.js computes it through that zone (null for all-day dates); `end_…` the same of its end.
// A VEVENT with a RECURRENCE-ID overrides that occurrence of its UID's rule (RFC 5545
// §3.8.4.4): it is related to its master, as Thunderbird does, not expanded on its own.
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
  const components = calendar.getAllSubcomponents("vevent");
  const overrides = components.filter((c) => c.hasProperty("recurrence-id"));
  for (const component of components.filter((c) => !c.hasProperty("recurrence-id"))) {
    const uid = component.getFirstPropertyValue("uid");
    const event = new ICAL.Event(component, {
      exceptions: overrides.filter((o) => o.getFirstPropertyValue("uid") === uid)});
    const iterator = event.iterator();
    for (let count = 0, next; count < Number(limit) && (next = iterator.next()); count++) {
      if (next.compare(end) >= 0) break;
      const {startDate: start, endDate: stop} = event.getOccurrenceDetails(next);
      found.push({
        uid: event.uid,
        date: start.isDate,
        local: start.toString(),
        zone: start.isDate ? null : start.zone.tzid,
        utc: start.isDate ? null : start.toJSDate().toISOString(),
        end_local: stop.toString(),
        end_utc: stop.isDate ? null : stop.toJSDate().toISOString(),
      });
    }
  }
  result[file] = found;
}
process.stdout.write(JSON.stringify(result));
