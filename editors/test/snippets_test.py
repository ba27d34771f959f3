#!/usr/bin/env python3
"""Checks an editor config snippet of editors/ against `glossa lsp`.

For editors that cannot run on the test machines (Helix, Zed, Sublime Text,
Kakoune), this reads the snippet the way the editor would: the command line,
the initializationOptions, the settings sent in didChangeConfiguration and
the languages it attaches to. It then starts that command (with `glossa` on
PATH, as the snippets expect) and plays the editor's part of a session on the
fixture workspace: initialize, open the Markdown document, wait for the
undefined-acronym diagnostic, hover a term, shut down.

Usage: snippets_test.py helix|zed|sublime|kakoune   (env WS: the workspace)
Prints one "ok: …" line per check; exits 1 on the first failure.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import threading
import tomllib
from pathlib import Path
from queue import Empty, Queue

EDITORS = Path(__file__).resolve().parent.parent
TIMEOUT = 20


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


def jsonc(text):
    """JSON with // comment lines (Zed settings, Sublime settings)."""
    return json.loads("\n".join(l for l in text.splitlines() if not l.strip().startswith("//")))


# Each reader returns: argv, initializationOptions, didChangeConfiguration
# settings (or None), workspace/configuration answer for "glossa" and the
# language id the editor sends for Markdown.
def helix():
    conf = tomllib.loads((EDITORS / "helix/languages.toml").read_text())
    server = conf["language-server"]["glossa"]
    markdown = [l for l in conf["language"] if l["name"] == "markdown"]
    check(markdown and "glossa" in markdown[0]["language-servers"], "markdown does not list glossa")
    # Helix sends `config` as initializationOptions and answers
    # workspace/configuration from it.
    config = server.get("config")
    return [server["command"], *server.get("args", [])], config, None, config, "markdown"


def zed():
    manifest = tomllib.loads((EDITORS / "zed/extension.toml").read_text())
    check("Markdown" in manifest["language_servers"]["glossa"]["languages"], "extension.toml: no Markdown")
    settings = jsonc((EDITORS / "zed/settings.json").read_text())["lsp"]["glossa"]
    binary = settings.get("binary", {})
    # As src/lib.rs: the path setting, else glossa on PATH; arguments, else ["lsp"].
    argv = [binary.get("path") or "glossa", *binary.get("arguments", ["lsp"])]
    workspace = {"glossa": settings["settings"]} if settings.get("settings") is not None else None
    return argv, settings.get("initialization_options"), workspace, settings.get("settings"), "markdown"


def sublime():
    client = jsonc((EDITORS / "sublime/LSP.sublime-settings").read_text())["clients"]["glossa"]
    check(client.get("enabled", True), "the client is disabled")
    check("text.html.markdown" in client["selector"], "the selector leaves out Markdown")
    settings = client.get("settings")
    return client["command"], client.get("initializationOptions"), settings, (settings or {}).get("glossa"), "markdown"


def kakoune():
    text = (EDITORS / "kakoune/glossa.kak").read_text()
    hook = re.search(r"BufSetOption filetype=\(([^)]*)\)", text)
    check(hook and "markdown" in hook.group(1).split("|"), "the hook leaves out markdown")
    block = re.search(r"lsp_servers %\{\n(.*?)\n\s*\}\n\}", text, re.S)
    check(block, "no lsp_servers block")
    server = tomllib.loads(textwrap.dedent(block.group(1)))["glossa"]
    section = server.get("settings_section")
    settings = server.get("settings", {})
    # kakoune-lsp sends settings[settings_section] as initializationOptions
    # and the whole settings table in didChangeConfiguration.
    init = settings.get(section) if section else settings
    return [server["command"], *server.get("args", [])], init, settings, settings.get("glossa"), "markdown"


class Server:
    def __init__(self, argv, cwd):
        exe = shutil.which(argv[0])
        check(exe, f"{argv[0]} is not on PATH")
        self.proc = subprocess.Popen([exe, *argv[1:]], cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=open(os.environ.get("SERVER_LOG", os.devnull), "w"))
        self.inbox = Queue()
        self.next_id = 0
        self.answers = {}
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                key, _, value = line.decode().partition(":")
                if key.lower() == "content-length":
                    length = int(value)
            self.inbox.put(json.loads(out.read(length)))

    def send(self, obj):
        body = json.dumps({"jsonrpc": "2.0", **obj}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def notify(self, method, params):
        self.send({"method": method, **({} if params is None else {"params": params})})

    def wait(self, accept):
        """Next message accept() likes; answers the server's requests meanwhile."""
        while True:
            try:
                msg = self.inbox.get(timeout=TIMEOUT)
            except Empty:
                raise Failure(f"no reply within {TIMEOUT} s")
            check(msg is not None, f"the server closed its output (exit status {self.proc.poll()})")
            if "method" in msg and "id" in msg:
                self.send({"id": msg["id"], "result": self.answers.get(msg["method"], lambda p: None)(msg.get("params"))})
                continue
            if accept(msg):
                return msg

    def request(self, method, params):
        self.next_id += 1
        rid = self.next_id
        # No "params" rather than null: JSON-RPC allows both, servers built on
        # tower-lsp take only the first for shutdown.
        self.send({"id": rid, "method": method, **({} if params is None else {"params": params})})
        msg = self.wait(lambda m: m.get("id") == rid and "method" not in m)
        check("error" not in msg, f"{method}: {msg.get('error')}")
        return msg.get("result")


def main():
    name = sys.argv[1]
    ws = Path(os.environ["WS"]).resolve()
    argv, init, did_change, configuration, language_id = globals()[name]()
    print(f"ok: {name}: runs {' '.join(argv)}")

    server = Server(argv, ws)
    server.answers["workspace/configuration"] = lambda p: [
        configuration if item.get("section") == "glossa" else None for item in (p or {}).get("items", [])
    ]
    root = ws.as_uri()
    caps = server.request("initialize", {
        "processId": os.getpid(), "rootUri": root, "rootPath": str(ws),
        "workspaceFolders": [{"uri": root, "name": ws.name}],
        "initializationOptions": init,
        "capabilities": {"workspace": {"configuration": True},
                         "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]},
                                          "publishDiagnostics": {}}},
    })["capabilities"]
    check(caps.get("hoverProvider"), "the server offers no hover")
    server.notify("initialized", {})
    if did_change is not None:
        server.notify("workspace/didChangeConfiguration", {"settings": did_change})
    print(f"ok: {name}: initialized with {json.dumps(init)}")

    doc = ws / "doc.md"
    uri = doc.as_uri()
    text = doc.read_text()
    server.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": language_id, "version": 1, "text": text}})
    codes = {}

    def diagnostics(m):
        if m.get("method") != "textDocument/publishDiagnostics" or m["params"]["uri"] != uri:
            return False
        codes.clear()
        codes.update({d.get("code"): d for d in m["params"]["diagnostics"]})
        return "undefined-acronym" in codes

    server.wait(diagnostics)
    check("FBAR" in codes["undefined-acronym"]["message"], "undefined-acronym is not about FBAR")
    expand = codes.get("expand-on-first-use")
    check(expand and expand.get("severity") == 3, f"expand-on-first-use is not info: {expand}")
    print(f"ok: {name}: diagnostics {sorted(codes)}")

    line_no, line = next((i, l) for i, l in enumerate(text.split("\n")) if "establishment" in l)
    hover = server.request("textDocument/hover", {
        "textDocument": {"uri": uri},
        "position": {"line": line_no, "character": line.index("establishment") + 2}})
    value = (hover or {}).get("contents", {}).get("value", "")
    check("fixed place of business" in value, f"hover: {hover}")
    print(f"ok: {name}: hover shows the definition")

    server.request("shutdown", None)
    server.notify("exit", None)
    check(server.proc.wait(timeout=TIMEOUT) == 0, f"exit status {server.proc.returncode}")


if __name__ == "__main__":
    try:
        main()
    except Failure as e:
        print(f"FAIL: {sys.argv[1]}: {e}", file=sys.stderr)
        sys.exit(1)
