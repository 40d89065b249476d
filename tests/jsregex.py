"""What a browser's regular expressions say: Decap CMS checks a text field's `pattern` as
`RegExp(pattern).test(value)` (no flags, a search); node runs the same JavaScript engine rules."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Sequence

_SCRIPT = ("const {pattern, texts} = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
           "process.stdout.write(JSON.stringify(texts.map(t => RegExp(pattern).test(t))));")


def js_verdicts(pattern: str, texts: Sequence[str]) -> list[bool]:
    """`RegExp(pattern).test(text)` for each text, run by node (the tests need Node.js)."""
    node = shutil.which("node")
    assert node, "node is missing: install Node.js (apt-get install nodejs npm)"
    result = subprocess.run([node, "-e", _SCRIPT], input=json.dumps({"pattern": pattern,
                                                                     "texts": list(texts)}),
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def python_verdicts(pattern: str, texts: Sequence[str]) -> list[bool]:
    """The same test with Python's `re` (a search, like JavaScript's `test`)."""
    compiled = re.compile(pattern)
    return [compiled.search(text) is not None for text in texts]
