;;; glossa-eglot.el --- glossa in Emacs through eglot  -*- lexical-binding: t; -*-

;; Copy this into your init file, or (load "/path/to/glossa-eglot.el").
;; Needs eglot (built into Emacs 29+; `package-install' or Debian's elpa-eglot
;; on Emacs 28) and `glossa' on `exec-path'.
;;
;; glossa then shows a term's definition with `eldoc' (hover), jumps to its
;; glossary entry with `xref-find-definitions' (M-.), lists mentions with
;; `xref-find-references' (M-?), flags undefined jargon through flymake, and
;; offers its quick fixes with `eglot-code-actions'.
;;
;; Settings: the keys of .glossa.toml. Per project, in .dir-locals.el:
;;   ((nil . ((eglot-workspace-configuration
;;             . (:glossa (:glossary ["docs/terms.toml"] :allow ["USD" "PDF"]))))))
;; or at start, in place of the plain command below:
;;   ("glossa" "lsp" :initializationOptions (:glossary ["docs/terms.toml"]))
;;
;; eglot runs one server per buffer: this entry comes first, so glossa
;; replaces any other server (marksman, texlab, ...) in these modes.

(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((markdown-mode gfm-mode rst-mode adoc-mode latex-mode LaTeX-mode text-mode)
                 . ("glossa" "lsp"))))

;; Start glossa whenever such a buffer is opened.
(dolist (hook '(markdown-mode-hook gfm-mode-hook rst-mode-hook adoc-mode-hook latex-mode-hook LaTeX-mode-hook))
  (add-hook hook #'eglot-ensure))

;;; glossa-eglot.el ends here
