;;; emacs_test.el --- glossa through eglot, in batch mode  -*- lexical-binding: t; -*-
;; Loads the snippet editors/emacs/glossa-eglot.el as a user would, opens the
;; fixture document in markdown-mode and checks hover, a diagnostic and the
;; definition against `glossa lsp' (found on PATH, as the snippet expects).
;; Usage: SNIPPET=… WS=… emacs --batch -l emacs_test.el   ; exit 0 = pass
(require 'package)
(package-initialize)                    ; Debian's elpa-* packages
(require 'eglot)
(require 'flymake)
(require 'markdown-mode)

(defun glossa-test-fail (fmt &rest args)
  (message "FAIL: %s" (apply #'format fmt args))
  (kill-emacs 1))

(defun glossa-test-ok (fmt &rest args)
  (princ (format "ok: %s\n" (apply #'format fmt args))))

(defun glossa-test-header-line (file id)
  "0-based line of the [[term]] header of entry ID in FILE."
  (with-temp-buffer
    (insert-file-contents file)
    (goto-char (point-min))
    (unless (search-forward (format "id = \"%s\"" id) nil t)
      (glossa-test-fail "fixture has no entry %s" id))
    (search-backward "[[term]]")
    (1- (line-number-at-pos))))

(let* ((ws (or (getenv "WS") (glossa-test-fail "WS is not set")))
       (doc (expand-file-name "doc.md" ws))
       (glossary (expand-file-name "glossary/terms.toml" ws))
       (eglot-sync-connect 30)
       srv)
  (load (or (getenv "SNIPPET") (glossa-test-fail "SNIPPET is not set")) nil t)
  (unless (executable-find "glossa") (glossa-test-fail "glossa is not on exec-path"))
  (find-file doc)
  (unless (eq major-mode 'markdown-mode) (glossa-test-fail "major mode %s" major-mode))
  ;; eglot-ensure (hooked by the snippet) waits for the command loop, which
  ;; batch mode never enters: connect the way it would.
  (condition-case err
      (apply #'eglot (eglot--guess-contact))
    (error (glossa-test-fail "eglot could not start glossa: %S" err)))
  (setq srv (eglot-current-server))
  (unless srv (glossa-test-fail "no server"))
  (glossa-test-ok "eglot connected to %s" (plist-get (eglot--server-info srv) :name))

  ;; A diagnostic for the undefined acronym, through flymake.
  (flymake-mode 1)
  (let ((deadline (+ (float-time) 15)) found)
    (while (and (not found) (< (float-time) deadline))
      (flymake-start)
      (accept-process-output nil 0.05)
      (setq found (seq-find (lambda (d) (string-match-p "FBAR" (flymake-diagnostic-text d)))
                            (flymake-diagnostics))))
    (unless found
      (glossa-test-fail "no diagnostic on FBAR: %S" (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))
    (glossa-test-ok "diagnostic: %s" (flymake-diagnostic-text found)))

  ;; Hover on "establishment".
  (goto-char (point-min))
  (search-forward "permanent establishment")
  (backward-char 3)
  (let* ((resp (jsonrpc-request srv :textDocument/hover (eglot--TextDocumentPositionParams)))
         (contents (plist-get resp :contents))
         (text (if (stringp contents) contents (plist-get contents :value))))
    (unless (and text (string-match-p "fixed place of business" text))
      (glossa-test-fail "hover: %S" resp))
    (glossa-test-ok "hover shows the definition"))

  ;; Definition: the entry's header in the glossary file.
  (let* ((resp (jsonrpc-request srv :textDocument/definition (eglot--TextDocumentPositionParams)))
         (loc (if (vectorp resp) (aref resp 0) resp))
         (file (eglot--uri-to-path (or (plist-get loc :uri) (plist-get loc :targetUri))))
         (range (or (plist-get loc :range) (plist-get loc :targetSelectionRange)))
         (line (plist-get (plist-get range :start) :line))
         (want (glossa-test-header-line glossary "permanent-establishment")))
    (unless (and (equal (file-truename file) (file-truename glossary)) (equal line want))
      (glossa-test-fail "definition went to %s:%s, the entry is at %s:%s" file line glossary want))
    (glossa-test-ok "definition goes to terms.toml:%d" (1+ want)))

  ;; Shutdown as eglot does it: `shutdown' with "params": null, then `exit'.
  (condition-case err
      (jsonrpc-request srv :shutdown nil)
    (error (glossa-test-fail "shutdown: %S" err)))
  (jsonrpc-notify srv :exit nil)
  (let ((proc (jsonrpc--process srv)) (deadline (+ (float-time) 10)))
    (while (and (process-live-p proc) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless (and (not (process-live-p proc)) (eq (process-exit-status proc) 0))
      (glossa-test-fail "after shutdown and exit the server %s with status %s"
                        (process-status proc) (process-exit-status proc))))
  (glossa-test-ok "shutdown and exit")
  (kill-emacs 0))
