"""Names vulture cannot see being used (read by `tests/unit/test_code_habits.py`; not imported).

Each line names a use from outside our Python code: Pelican, blinker, Python's HTML parser and
HTTP server, feedgenerator and icalendar call these by name. Attributes the theme's templates
read are added by the test from theme/templates/ itself.
"""
# ruff: noqa: B018, F821

sender  # blinker passes every signal handler its sender first
register  # Pelican calls each plugin's register()
generate_context  # Pelican's Generator protocol
generate_output
handle_startendtag  # html.parser.HTMLParser callback
handle_endtag  # html.parser.HTMLParser callback
handle_data  # html.parser.HTMLParser callback
log_message  # http.server.BaseHTTPRequestHandler hook
list_directory  # http.server.SimpleHTTPRequestHandler hook (a folder without index.html)
Meta  # markdown's meta extension reads Markdown.Meta
extendMarkdown  # Python-Markdown calls an extension's extendMarkdown(md)
makeExtension  # and a module's makeExtension() when `extensions` names it
override_save_as  # Pelican's Content reads it for the output path
override_url  # and this one for its URL
unique_id  # feedgenerator item keyword arguments
pubdate
updateddate
unique_id_is_permalink
add_stylesheets  # feedgenerator's Rss201rev2Feed.write hook
DTSTART  # icalendar component properties set by attribute
TZOFFSETFROM
TZOFFSETTO
static_links  # updated in place in Pelican's context
CONTEXT_READERS  # writing/reads.py: checked by tests/unit/test_writing.py against the theme's environment
load_bytecode  # Jinja BytecodeCache API (writing/bytecode.py), called by Jinja's loaders
dump_bytecode
newstyle_gettext  # Jinja's i18n extension reads it when compiling {% trans %} (common/i18n.py)
override  # Pelican passes Writer._open_w(…, override=…): SafeWriter claims every file once instead
